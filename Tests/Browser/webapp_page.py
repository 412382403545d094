"""The page under test: waits, lookups, screenshots, API calls and checks shared by every step."""

import json
import os
import secrets
import time
import urllib.error
import urllib.request
from pathlib import Path

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import WebDriverWait

from stylify_server import StylifyServer

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("STYLIFY_SHARED", REPOSITORY.parent / "shared"))
OUTPUT = Path(os.environ.get("STYLIFY_TEST_OUTPUT", REPOSITORY / ".build/test-output/browser"))
ACCESSIBILITY_CHECKS = (Path(__file__).parent / "accessibility_checks.js").read_text()


class StepFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise StepFailed(message)


class WebAppPage:
    """The browser, the server and what the steps share (the account's email, the refusals they
    provoke on purpose, the screenshot counter). Step classes add `test_*` methods."""

    def __init__(self, driver, server: StylifyServer, downloads: Path):
        self.driver = driver
        self.server = server
        self.base_url = server.base_url
        self.downloads = downloads
        self.step_number = 0
        self.last_element_id = None  # what the step last looked at: its screenshot shows it
        self.email = f"browser-{secrets.token_hex(4)}@example.com"
        # (path, status) of refusals a step provokes on purpose; the console check allows them.
        self.expected_refusals: set[tuple[str, int]] = set()

    # --- helpers -------------------------------------------------------------------------

    def wait(self, timeout=30):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.2)

    def by_id(self, element_id):
        return self.driver.find_element(By.ID, element_id)

    def visible(self, element_id, timeout=30):
        self.last_element_id = element_id
        try:
            return self.wait(timeout).until(conditions.visibility_of_element_located((By.ID, element_id)))
        except TimeoutException:
            raise StepFailed(f"#{element_id} did not become visible in {timeout} s") from None

    def text_contains(self, element_id, text, timeout=30):
        self.last_element_id = element_id
        try:
            self.wait(timeout).until(lambda driver: text in driver.find_element(By.ID, element_id).text)
        except TimeoutException:
            actual = self.by_id(element_id).text
            raise StepFailed(f"#{element_id} never said {text!r}; it says {actual!r}") from None

    def natural_width(self, element):
        return self.driver.execute_script("return arguments[0].complete ? arguments[0].naturalWidth : 0", element)

    def screenshot(self, name):
        self.step_number += 1
        path = OUTPUT / f"{self.step_number:02d}-{name}.png"
        if self.last_element_id:
            self.driver.execute_script(
                "document.getElementById(arguments[0])?.scrollIntoView({block: 'center'})", self.last_element_id
            )
        self.driver.save_screenshot(str(path))
        return path

    def api(self, method, path, token):
        request = urllib.request.Request(self.base_url + path, method=method, headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def accessibility_problems(self, check_name):
        return self.driver.execute_script(ACCESSIBILITY_CHECKS, check_name)

    def assert_accessible(self, where):
        for check_name in ("labels", "contrast"):
            problems = self.accessibility_problems(check_name)
            check(not problems, f"{where}: {check_name} problems:\n  " + "\n  ".join(problems))

    def account_id(self):
        status, me = self.api("GET", "/v1/me", self.session_token())
        check(status == 200, f"GET /v1/me answered {status}")
        return me["account"]["id"]

    def session_token(self):
        return self.driver.execute_script("return sessionStorage.getItem('stylify.session')")

    # --- steps ---------------------------------------------------------------------------

    def assert_fits_a_phone(self, where):
        """At 360x740 the page must not scroll sideways (document.documentElement.scrollWidth <= 360)."""
        self.driver.set_window_size(360, 740)
        try:
            self.wait(5).until(lambda driver: driver.execute_script("return window.innerWidth") <= 360)
            time.sleep(0.3)  # layout settles after the resize
            width = self.driver.execute_script("return document.documentElement.scrollWidth")
            inner = self.driver.execute_script("return window.innerWidth")
            check(width <= 360 and width <= inner, f"{where}: page is {width} px wide in a {inner} px window")
            self.last_element_id = None
            self.driver.execute_script("window.scrollTo(0, 0)")
            self.screenshot(f"small-screen-{where}")
        finally:
            self.driver.set_window_size(1280, 1000)

    def check_console(self):
        """Fails on console errors (script errors, CSP violations, failed loads) since the last call,
        apart from the refusals a step provokes on purpose. Called after every step, so a failure
        names the step that caused it."""

        def expected(message):
            return any(
                f"{self.base_url}{path} - Failed to load resource: the server responded with a status of {status} " in message
                for path, status in self.expected_refusals
            )

        severe = [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE" and not expected(entry["message"])]
        check(not severe, "browser console errors:\n" + "\n".join(entry["message"] for entry in severe))
