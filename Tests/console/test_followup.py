"""Bad ratings followed up to their close in a real browser: the queue, each action with its
text, an extension, an appeal approved only by a second user, scopes by role, the export."""

from __future__ import annotations

import csv
import io
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import Hub, Pad, login, screenshot, submit, wait_until


def bad_ratings(hub: Hub, pad: Pad, *ratings: tuple[str, str, str]) -> list[str]:
    """Rates each (number, staff, department) 非常不满意 on the pad; their uuids once at the hub."""
    pad.rate(*[(number, "very_dissatisfied", staff, department) for number, staff, department in ratings]).wait(120)
    return [wait_until(f"{number} at the hub", lambda n=number: hub.rating(n))[0] for number, _, _ in ratings]


def act(driver: WebDriver, kind: str, text: str, days: str = "", unchecked: bool = False) -> None:
    """Records an action through the rating's form and waits for the page that follows; `unchecked`
    sends it as a client that skips the page's own checks would (required text, days 1 to 15)."""
    form = driver.find_element(By.ID, "action-form")
    if unchecked:
        driver.execute_script(
            "for (const f of arguments[0].querySelectorAll('[required],[max],[min]')) "
            "{ f.removeAttribute('required'); f.removeAttribute('max'); f.removeAttribute('min'); }",
            form,
        )
    Select(form.find_element(By.NAME, "kind")).select_by_value(kind)
    form.find_element(By.NAME, "text").send_keys(text)
    if days:
        form.find_element(By.NAME, "days").send_keys(days)
    submit(driver, form)
    rating_page(driver)


def rating_page(driver: WebDriver) -> None:
    """Waits until a rating's page has loaded (its state is shown)."""
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "state")))


def offered(driver: WebDriver) -> list[str]:
    forms = driver.find_elements(By.ID, "action-form")
    if not forms:
        return []
    return [o.get_attribute("value") for o in Select(forms[0].find_element(By.NAME, "kind")).options]


def state(driver: WebDriver) -> str:
    return driver.find_element(By.ID, "state").text


def test_a_bad_rating_is_followed_up_from_pending_to_closed(browser: WebDriver, hub: Hub, pad: Pad) -> None:
    (uuid,) = bad_ratings(hub, pad, ("FU-1", "S5", "D1"))
    login(browser, hub, "duty")
    browser.get(hub.url + "/followups")
    row = browser.find_element(By.CSS_SELECTOR, f'#followups tr[data-uuid="{uuid}"]')
    assert "待整改" in row.find_element(By.CSS_SELECTOR, ".state").text
    screenshot(browser, "followups")
    row.find_element(By.TAG_NAME, "a").click()
    rating_page(browser)
    assert "待整改" in state(browser)
    assert "close" not in offered(browser), "closing waits for rectification and a contact"

    act(browser, "extend", "需协调外部门", "20", unchecked=True)
    assert "1 至 15" in browser.find_element(By.ID, "action-error").text, "an extension over 15 days is refused"
    act(browser, "contact", "", unchecked=True)
    assert browser.find_elements(By.ID, "action-error"), "an action without text is refused"
    assert not browser.find_elements(By.CSS_SELECTOR, "#actions li"), "and nothing was recorded"

    act(browser, "contact", "已电话回访，市民反映等候时间过长")
    act(browser, "start", "调整午间排班，增加一名窗口人员")
    act(browser, "extend", "需协调人社部门排班", "5")
    assert "extend" not in offered(browser), "one extension per rating"
    act(browser, "done", "午间增开 3 号窗口，已告知市民")
    assert "整改完成" in state(browser)
    act(browser, "close", "整改完成并回访，办结")
    assert "已办结" in state(browser)
    assert offered(browser) == [], "nothing more can be done to a closed one"
    steps = browser.find_elements(By.CSS_SELECTOR, "#actions li")
    assert [s.get_attribute("data-kind") for s in steps] == ["contact", "start", "extend", "done", "close"]
    assert all("duty" in s.text for s in steps), "every action names who did it"
    screenshot(browser, "followup")

    # The export has every action, with who, and the rating itself unchanged.
    session = browser.get_cookie("ratingpad_session")["value"]
    request = urllib.request.Request(
        hub.url + "/followups.csv?state=all", headers={"Cookie": f"ratingpad_session={session}"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        text = answer.read().decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text)) if uuid in r]
    assert len(rows) == 5 and all("duty" in r for r in rows)
    assert hub.rows("SELECT level FROM records WHERE uuid = ?", (uuid,)) == [("very_dissatisfied",)]


def test_an_appeal_needs_a_second_users_approval(
    browser: WebDriver, second_browser: WebDriver, hub: Hub, pad: Pad
) -> None:
    (uuid,) = bad_ratings(hub, pad, ("FU-2", "S6", "D1"))
    login(browser, hub, "duty")
    browser.get(f"{hub.url}/followups/{uuid}")
    act(browser, "appeal", "监控显示市民误触，申请认定无效差评")
    assert "无效差评审核" in state(browser)
    assert "approve" not in offered(browser) and "reject" not in offered(browser), "nobody approves their own"

    login(second_browser, hub, "deputy")
    second_browser.get(f"{hub.url}/followups/{uuid}")
    assert {"approve", "reject"} <= set(offered(second_browser))
    act(second_browser, "approve", "核实监控录像，确属误触")
    assert "无效差评" in state(second_browser) and "审核" not in state(second_browser)
    act(second_browser, "contact", "已回访，市民确认误触")
    act(second_browser, "close", "无效差评，办结")
    assert "已办结" in state(second_browser)
    steps = second_browser.find_elements(By.CSS_SELECTOR, "#actions li")
    assert [s.get_attribute("data-kind") for s in steps] == ["appeal", "approve", "contact", "close"]
    assert "duty" in steps[0].text and "deputy" in steps[1].text


def test_a_department_head_follows_up_only_its_department(browser: WebDriver, hub: Hub, pad: Pad) -> None:
    mine, theirs = bad_ratings(hub, pad, ("FU-3", "S7", "D1"), ("FU-4", "S8", "D2"))
    login(browser, hub, "head1")
    browser.get(hub.url + "/followups?state=all")
    listed = {r.get_attribute("data-uuid") for r in browser.find_elements(By.CSS_SELECTOR, "#followups tr[data-uuid]")}
    assert mine in listed and theirs not in listed
    browser.get(f"{hub.url}/followups/{theirs}")
    assert not browser.find_elements(By.ID, "rating"), "another department's rating is not shown"
    assert "未找到" in browser.page_source
    browser.get(f"{hub.url}/followups/{mine}")
    assert "contact" in offered(browser), "the head acts on its own department's"


def test_staff_see_their_own_bad_ratings_and_change_nothing(browser: WebDriver, hub: Hub, pad: Pad) -> None:
    own, other = bad_ratings(hub, pad, ("FU-5", "S1", "D1"), ("FU-6", "S9", "D1"))
    login(browser, hub, "s1")
    browser.get(hub.url + "/followups?state=all")
    listed = {r.get_attribute("data-uuid") for r in browser.find_elements(By.CSS_SELECTOR, "#followups tr[data-uuid]")}
    assert own in listed and other not in listed
    browser.get(f"{hub.url}/followups/{own}")
    assert offered(browser) == [], "staff record nothing"
    login(browser, hub, "reader")
    browser.get(f"{hub.url}/followups/{own}")
    assert browser.find_elements(By.ID, "rating") and offered(browser) == [], "an auditor reads, and changes nothing"
