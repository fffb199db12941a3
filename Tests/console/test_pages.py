"""Every page of the console in the browser, as an office screen and as a phone show it."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from conftest import Hub, Pad, login, make_browser, screenshot, wait_until


def test_reports_fleet_and_audit_show_the_halls_figures(browser: WebDriver, hub: Hub, pad: Pad) -> None:
    pad.rate(("PAGE-1", "very_satisfied", "S1", "D1"), ("PAGE-2", "dissatisfied", "S2", "D2")).wait(120)
    wait_until("the ratings at the hub", lambda: hub.rating("PAGE-2"))
    login(browser, hub, "chief")
    browser.get(hub.url + "/reports?by=staff")
    report = browser.find_element(By.ID, "report").text
    assert "S1" in report and "S2" in report
    assert browser.find_elements(By.CSS_SELECTOR, "#chart svg, svg#chart"), "the score over time is drawn"
    screenshot(browser, "reports")
    browser.get(hub.url + "/ranking")
    screenshot(browser, "ranking")
    browser.get(hub.url + "/fleet")
    pads = browser.find_element(By.ID, "pads").text
    assert "window-3" in pads
    screenshot(browser, "fleet")
    browser.get(hub.url + "/audit")
    audit = browser.find_element(By.ID, "audit").text
    assert "console_login" in audit and "user_add" in audit
    screenshot(browser, "audit")


def test_the_pages_fit_a_phone(hub: Hub) -> None:
    phone = make_browser(390, 844, phone=True)
    try:
        login(phone, hub, "duty")
        for page, name in (("/", "phone-today"), ("/followups?state=all", "phone-followups")):
            phone.get(hub.url + page)
            assert phone.execute_script("return window.innerWidth") == 390
            width = phone.execute_script("return document.documentElement.scrollWidth")
            assert width <= 390, f"{page} is {width} px wide on a 390 px phone"
            screenshot(phone, name)
    finally:
        phone.quit()
