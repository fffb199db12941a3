"""The hall console in a real browser: logging in, ratings arriving live, scopes by role, CSRF."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PASSWORD, Hub, Pad, WebhookReceiver, login, screenshot, submit, wait_until


def live_item(driver: WebDriver, uuid: str, timeout: float = 30) -> WebElement:
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, f'#live-ratings li[data-uuid="{uuid}"]'))
    )


def test_a_wrong_password_is_refused_and_the_right_one_logs_in(browser: WebDriver, hub: Hub) -> None:
    browser.get(hub.url + "/")
    assert browser.current_url.endswith("/login"), "a page without a session goes to the login page"
    login_form = browser.find_element(By.ID, "login-form")
    login_form.find_element(By.NAME, "username").send_keys("chief")
    login_form.find_element(By.NAME, "password").send_keys("not the password")
    submit(browser, login_form)
    assert "用户名或密码错误" in browser.find_element(By.CSS_SELECTOR, ".error").text
    screenshot(browser, "login")
    login(browser, hub, "chief")
    assert "王主任" in browser.find_element(By.ID, "whoami").text
    cookie = browser.get_cookie("ratingpad_session")
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Strict"


def test_a_tapped_rating_appears_live_and_a_bad_one_raises_the_alert(
    browser: WebDriver, hub: Hub, pad: Pad, webhooks: WebhookReceiver
) -> None:
    login(browser, hub, "chief")
    browser.find_element(By.ID, "live-ratings")
    pad.rate(("LIVE-1", "satisfied", "S1", "D1"), ("LIVE-2", "very_dissatisfied", "S2", "D2"))
    good = wait_until("the good rating at the hub", lambda: hub.rating("LIVE-1"), 60)
    item = live_item(browser, good[0])
    seen = time.time()
    delay = seen - good[1] / 1000
    print(f"a rating tapped on the pad was on the open page {delay:.2f} s after the tap")
    assert delay < 3, f"the rating reached the page {delay:.2f} s after the tap"
    assert "满意" in item.text and "bad" not in (item.get_attribute("class") or "")
    bad = wait_until("the bad rating at the hub", lambda: hub.rating("LIVE-2"), 60)
    bad_item = live_item(browser, bad[0])
    delay = time.time() - bad[1] / 1000
    print(f"a bad rating was on the open page {delay:.2f} s after the tap")
    assert delay < 3
    assert "bad" in bad_item.get_attribute("class")
    banner = browser.find_element(By.ID, "alert")
    WebDriverWait(browser, 5).until(lambda _: banner.is_displayed())
    assert "新差评" in banner.text and "非常不满意" in banner.text and "S2" in banner.text
    # The tables follow: both windows' ratings counted.
    # (The script replaces the tables as they come: a look between find and read is looked again.)
    WebDriverWait(browser, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda d: int(d.find_element(By.ID, "today-count").text) >= 2
    )
    screenshot(browser, "today")

    # Both webhooks have it, once each: the JSON with its fields, the group robot with its text.
    def alerts_of_live_2() -> list[tuple[float, str, dict]]:
        return [r for r in webhooks.received if "LIVE-2" in json.dumps(r[2], ensure_ascii=False)]

    hooks = wait_until("the alert at both webhooks", lambda: len(alerts_of_live_2()) >= 2 and alerts_of_live_2(), 30)
    assert sorted(r[1] for r in hooks) == ["/json", "/wecom"], "each webhook once"
    generic = next(r[2] for r in hooks if r[1] == "/json")
    assert generic["event"] == "bad_rating" and generic["uuid"] == bad[0] and generic["level"] == "very_dissatisfied"
    assert generic["staff_number"] == "S2" and generic["transaction_number"] == "LIVE-2"
    assert generic["console_url"] == f"{hub.url}/followups/{bad[0]}", "the alert links to the follow-up"
    robot = next(r[2] for r in hooks if r[1] == "/wecom")
    assert robot["msgtype"] == "markdown" and "非常不满意" in robot["markdown"]["content"]
    print(f"the bad rating reached the webhooks {max(r[0] for r in hooks) - bad[1] / 1000:.2f} s after the tap")
    assert not [r for r in webhooks.received if "LIVE-1" in json.dumps(r[2])], "a good rating raises no alert"
    # The alerts page shows both deliveries.
    browser.get(hub.url + "/alerts")
    rows = browser.find_elements(By.CSS_SELECTOR, f'#deliveries tr[data-uuid="{bad[0]}"]')
    assert sorted(row.get_attribute("data-webhook") for row in rows) == ["duty-json", "hall-group"]
    assert all(row.get_attribute("class") == "delivered" for row in rows)
    screenshot(browser, "alerts")


def test_a_department_head_sees_only_its_department(browser: WebDriver, hub: Hub, pad: Pad) -> None:
    pad.rate(("DEPT-1", "satisfied", "S3", "D1"), ("DEPT-2", "basically_satisfied", "S4", "D2")).wait(120)
    mine = wait_until("D1's rating", lambda: hub.rating("DEPT-1"))
    theirs = wait_until("D2's rating", lambda: hub.rating("DEPT-2"))
    login(browser, hub, "head1")
    page = browser.page_source
    assert mine[0] in page, "the head's own department's rating is listed"
    assert theirs[0] not in page, "another department's rating is not"
    assert "S4" not in browser.find_element(By.ID, "today-staff").text


def test_staff_see_only_their_own_ratings(browser: WebDriver, hub: Hub, pad: Pad) -> None:
    pad.rate(("OWN-1", "very_satisfied", "S1", "D1"), ("OWN-2", "very_satisfied", "S9", "D1")).wait(120)
    own = wait_until("S1's rating", lambda: hub.rating("OWN-1"))
    other = wait_until("S9's rating", lambda: hub.rating("OWN-2"))
    login(browser, hub, "s1")
    page = browser.page_source
    assert own[0] in page and other[0] not in page
    staff = browser.find_element(By.ID, "today-staff").text
    assert "S1" in staff and "S9" not in staff
    nav = browser.find_element(By.ID, "nav").text
    assert "设备" not in nav, "staff are not shown the fleet"


def test_a_post_without_the_csrf_token_is_refused(browser: WebDriver, hub: Hub) -> None:
    login(browser, hub, "chief")
    session = browser.get_cookie("ratingpad_session")["value"]
    request = urllib.request.Request(
        hub.url + "/logout", data=b"", method="POST", headers={"Cookie": f"ratingpad_session={session}"}
    )
    try:
        urllib.request.urlopen(request, timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    assert status == 403, "a POST with the session cookie but no form token is refused"
    assert "CSRF" in body
    browser.refresh()
    assert browser.find_elements(By.ID, "whoami"), "and the session was not ended by it"


def test_repeated_wrong_passwords_lock_the_account_for_a_while(browser: WebDriver, hub: Hub) -> None:
    def attempt(password: str) -> str:
        browser.get(hub.url + "/login")
        browser.find_element(By.NAME, "username").send_keys("guessed")
        browser.find_element(By.NAME, "password").send_keys(password)
        submit(browser, browser.find_element(By.ID, "login-form"))
        errors = browser.find_elements(By.CSS_SELECTOR, ".error")
        return errors[0].text if errors else ""

    answers = [attempt(f"wrong guess {n}") for n in range(5)]
    assert all("用户名或密码错误" in answer for answer in answers[:4])
    assert "登录失败次数过多" in answers[4], "the fifth failure locks the account"
    assert "登录失败次数过多" in attempt(PASSWORD), "even the right password waits out the lock"
    assert not browser.find_elements(By.ID, "whoami")
