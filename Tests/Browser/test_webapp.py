#!/usr/bin/env python3
"""The web app in a real browser against a real `stylify serve`: sign up, upload, pick a gallery
filter, stylize, download, add a custom filter, create and revoke an API key, a 360 px screen,
log out. One PNG screenshot per step goes to $STYLIFY_TEST_OUTPUT (default
.build/test-output/browser/). Exits non-zero with the failing step's name on any failure."""

import json
from contextlib import ExitStack
import os
import secrets
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
from pathlib import Path

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import start_chromium
from jpeg_size import has_exif, is_jpeg, jpeg_size
from stylify_server import StylifyServer

REPOSITORY = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("STYLIFY_SHARED", REPOSITORY.parent / "shared"))
CONTENT_PHOTO = SHARED / "images/content/chicago.jpg"  # 712x474, no EXIF: stored size = shown size
TOO_LARGE_PHOTO = SHARED / "images/content/avril.jpg"  # 1680x1050 = 1.7 MP, over the free plan's 1 MP
STYLE_PAINTING = SHARED / "images/style/en_campo_gris.jpg"
VIDEO = SHARED / "video/cutBunny.mp4"  # 640x360, 240 frames: over the free plan's 512 px
ACCESSIBILITY_CHECKS = (Path(__file__).parent / "accessibility_checks.js").read_text()
OUTPUT = Path(os.environ.get("STYLIFY_TEST_OUTPUT", REPOSITORY / ".build/test-output/browser"))


def stylify_binary() -> Path:
    if os.environ.get("STYLIFY_BINARY"):
        return Path(os.environ["STYLIFY_BINARY"])
    built = [path for path in (REPOSITORY / ".build/debug/stylify", REPOSITORY / ".build/release/stylify") if path.exists()]
    if not built:
        raise SystemExit("no .build/debug/stylify or .build/release/stylify: run `swift build --product stylify` first")
    return max(built, key=lambda path: path.stat().st_mtime)  # the most recent build is the code under test


class StepFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise StepFailed(message)


class WebAppTest:
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

    def test_sign_up(self):
        self.driver.get(self.base_url + "/")
        self.visible("view-auth")
        # Informational (printed, never asserted): what the first visit costs.
        load = self.driver.execute_script(
            "const nav = performance.getEntriesByType('navigation')[0];"
            "const files = performance.getEntriesByType('resource');"
            "return [nav.loadEventEnd || nav.domContentLoadedEventEnd, files.length + 1,"
            " files.reduce((sum, file) => sum + file.transferSize, nav.transferSize)];"
        )
        preloaded = set(self.driver.execute_script(
            "return [...document.querySelectorAll('link[rel=modulepreload]')].map((link) => new URL(link.href).pathname)"
        ))
        modules = {f"/{path.relative_to(REPOSITORY / 'Web').as_posix()}" for path in (REPOSITORY / "Web/js").rglob("*.js")} - {"/js/main.js"}
        check(preloaded == modules, f"index.html's modulepreload list is out of date: missing {sorted(modules - preloaded)}, extra {sorted(preloaded - modules)}")
        print(f"     first visit: {load[0]:.0f} ms to load, {load[1]} files, {load[2] / 1024:.0f} KiB transferred", flush=True)
        self.by_id("signup-name").send_keys("Browser Test")
        self.by_id("signup-email").send_keys(self.email)
        self.by_id("signup-password").send_keys("correct horse battery staple")
        self.by_id("signup-submit").click()
        self.visible("view-studio")
        token = self.session_token()
        check(token and token.startswith("sess_"), f"session token not kept in sessionStorage: {token!r}")
        check(self.driver.execute_script("return localStorage.length") == 0, "something was written to localStorage")
        check("sess_" not in self.driver.current_url, "the session token leaked into the URL")
        self.text_contains("upload-limits", "Free plan")

    def test_photo_over_the_plan_is_explained_before_upload(self):
        self.by_id("content-file").send_keys(str(TOO_LARGE_PHOTO))
        self.visible("upload-error")
        self.text_contains("upload-error", "Free plan images are up to 1 MP")
        self.text_contains("upload-error", "premium")

    def test_upload_photo(self):
        self.by_id("content-file").send_keys(str(CONTENT_PHOTO))
        self.text_contains("upload-status", "Uploaded chicago.jpg: 712×474", timeout=60)
        check(not self.by_id("upload-error").is_displayed(), "the earlier error is still shown")

    def test_upload_by_drag_and_drop(self):
        # A real drop event carrying the photo's bytes (read back from the API), as a file manager sends it.
        self.driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            const token = sessionStorage.getItem('stylify.session');
            fetch('/v1/assets?limit=1', {headers: {Authorization: 'Bearer ' + token}})
              .then((r) => r.json())
              .then((list) => fetch(`/v1/assets/${list.data[0].id}/content`, {headers: {Authorization: 'Bearer ' + token}}))
              .then((r) => r.blob())
              .then((blob) => {
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], 'chicago.jpg', {type: 'image/jpeg'}));
                const zone = document.getElementById('dropzone');
                zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                done();
              });
            """
        )
        self.text_contains("upload-status", "Uploaded chicago.jpg: 712×474", timeout=60)
        status, listing = self.api("GET", "/v1/assets", self.session_token())
        check(status == 200 and len(listing["data"]) == 2, f"expected a second upload from the drop, got {listing}")

    def test_pick_gallery_filter(self):
        self.wait(30).until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, "#filter-grid .filter-card")) >= 20)
        card = self.driver.find_element(By.CSS_SELECTOR, "#filter-grid .filter-card")
        image = card.find_element(By.TAG_NAME, "img")
        self.wait(30).until(lambda _: self.natural_width(image) > 0)
        check(image.get_attribute("src").startswith("blob:"), "thumbnail is not an object URL")
        # Keyboard only: Tab from the file picker lands on the grid (one Tab stop), an arrow moves
        # to the next filter, Space chooses it.
        picker = self.by_id("content-file")
        self.driver.execute_script("arguments[0].focus()", picker)
        ActionChains(self.driver).send_keys(Keys.TAB).perform()  # to the page, not into the file input
        check(self.driver.switch_to.active_element == card, "Tab from the file picker does not reach the filter grid")
        card.send_keys(Keys.ARROW_RIGHT)
        focused = self.driver.switch_to.active_element
        check(focused.get_attribute("class") == "filter-card" and focused != card, "the right arrow does not move through the grid")
        check(card.get_attribute("tabindex") == "-1" and focused.get_attribute("tabindex") == "0", "the grid is not one Tab stop")
        outline = self.driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
        check(outline not in ("none", ""), "keyboard focus on a filter is not visible")
        cards = self.driver.find_elements(By.CSS_SELECTOR, "#filter-grid .filter-card")
        focused.send_keys(Keys.END)
        check(self.driver.switch_to.active_element == cards[-1], "End does not reach the last filter")
        cards[-1].send_keys(Keys.HOME)
        check(self.driver.switch_to.active_element == cards[0], "Home does not reach the first filter")
        cards[0].send_keys(Keys.ARROW_RIGHT)
        focused.send_keys(Keys.SPACE)
        check(focused.get_attribute("aria-pressed") == "true", "Space did not choose the focused filter")
        check(card.get_attribute("aria-pressed") == "false", "the first filter is still pressed")
        pressed = self.driver.find_elements(By.CSS_SELECTOR, '#filter-grid [aria-pressed="true"]')
        check(len(pressed) == 1, f"{len(pressed)} filters pressed, expected exactly 1")
        self.wait(5).until(lambda _: self.by_id("stylize-button").is_enabled())

    def test_stylize(self):
        clicked = time.monotonic()
        self.by_id("stylize-button").click()
        self.visible("result-section", timeout=120)
        result = self.by_id("result-image")
        self.wait(30).until(lambda _: self.natural_width(result) > 0)
        print(f"     712x474 photo: {(time.monotonic() - clicked) * 1000:.0f} ms from click to result on screen", flush=True)
        check(self.natural_width(self.by_id("original-image")) > 0, "the original is not shown beside the result")
        check(not self.by_id("stylize-error").is_displayed(), f"error shown: {self.by_id('stylize-error').text}")
        self.assert_accessible("studio with a result")

    def test_download(self):
        link = self.visible("download-link")
        check(link.get_attribute("download") == "chicago-stylized.jpg", f"download name {link.get_attribute('download')!r}")
        link.click()
        target = self.downloads / "chicago-stylized.jpg"
        deadline = time.monotonic() + 30
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        check(target.exists(), f"no download arrived; folder has {sorted(p.name for p in self.downloads.iterdir())}")
        data = target.read_bytes()
        check(is_jpeg(data), "the download is not a JPEG")
        original = CONTENT_PHOTO.read_bytes()
        check(not has_exif(original), "fixture photo has EXIF; pick one whose stored size is its shown size")
        check(jpeg_size(data) == jpeg_size(original), f"result is {jpeg_size(data)}, photo is {jpeg_size(original)}")

    def test_custom_filter(self):
        self.driver.find_element(By.CSS_SELECTOR, ".custom-filter summary").click()
        self.by_id("custom-filter-name").send_keys("My Painting")
        self.by_id("custom-filter-file").send_keys(str(STYLE_PAINTING))
        self.by_id("custom-filter-submit").click()
        self.text_contains("custom-filter-status", "Added “My Painting”", timeout=60)
        card = self.driver.find_element(By.XPATH, "//*[@id='filter-grid']/button[contains(., 'My Painting')]")
        image = card.find_element(By.TAG_NAME, "img")
        self.wait(30).until(lambda _: self.natural_width(image) > 0)
        check(card.get_attribute("aria-pressed") == "true", "the new filter is not selected")

    def test_try_another_filter_with_blend_reuses_the_upload(self):
        self.by_id("try-another-button").click()
        cards = self.driver.find_elements(By.CSS_SELECTOR, "#filter-grid .filter-card")
        cards[5].click()
        self.by_id("blend-enabled").click()
        self.visible("blend-options")
        Select(self.by_id("blend-filter")).select_by_index(7)
        strength = self.by_id("strength")
        for _ in range(8):  # 100% → 60% from the keyboard, 5% a step
            strength.send_keys(Keys.ARROW_LEFT)
        self.text_contains("strength-value", "60%")
        self.by_id("preserve-color").click()
        self.by_id("stylize-button").click()
        self.text_contains("result-caption", " + ", timeout=120)
        status, listing = self.api("GET", "/v1/stylizations", self.session_token())
        check(status == 200, f"listing stylizations answered {status}")
        contents = {item["content"] for item in listing["data"]}
        check(len(listing["data"]) == 2 and len(contents) == 1, f"expected 2 stylizations of one upload, got {listing['data']}")
        latest = max(listing["data"], key=lambda item: item["created_at"])
        check(len(latest["filters"]) == 2, f"the blend was not sent: {latest['filters']}")
        check(latest["options"]["preserve_color"] is True, "preserve colour was not sent")
        check(abs(latest["options"]["strength"] - 0.6) < 1e-6, f"strength {latest['options']['strength']}")

    def test_monthly_quota_refusal_is_explained(self):
        account = self.account_id()
        self.server.admin("limits", "set", account, "monthly_frames", "2")
        time.sleep(1.2)  # the server's limits cache lives up to a second
        self.expected_refusals.add(("/v1/stylizations", 402))
        try:
            self.by_id("stylize-button").click()
            self.text_contains("stylize-error", "You have used 2 of the 2 frames your Free plan includes this month")
            self.text_contains("stylize-error", "Wait for next month or upgrade")
            self.screenshot("quota-exceeded")
        finally:
            self.server.admin("limits", "unset", account, "monthly_frames")
            time.sleep(1.2)

    def test_api_key_created_then_revoked(self):
        self.by_id("nav-account").click()
        self.visible("view-account")
        self.text_contains("usage-list", "Free")
        self.text_contains("usage-list", "2 of 500 used")
        self.text_contains("usage-list", "Custom filters")
        self.assert_accessible("account page")
        self.by_id("api-key-name").send_keys("browser key")
        self.by_id("api-key-submit").click()
        self.visible("new-key")
        secret = self.by_id("new-key-secret").get_attribute("value")
        check(secret.startswith("sk_live_"), f"secret not shown: {secret!r}")
        check(self.api("GET", "/v1/me", secret)[0] == 200, "the new key does not work")
        self.by_id("copy-key-button").click()
        self.text_contains("copy-key-button", "Copied")
        self.screenshot("api-key-created")
        items = self.driver.find_elements(By.CSS_SELECTOR, "#api-key-list .item")
        check(len(items) == 1 and "browser key" in items[0].text, "the key is not listed")
        items[0].find_element(By.CSS_SELECTOR, "button.danger").click()
        self.wait(5).until(conditions.alert_is_present()).accept()
        self.wait(10).until(lambda driver: not driver.find_elements(By.CSS_SELECTOR, "#api-key-list .item"))
        check(self.api("GET", "/v1/me", secret)[0] == 401, "the revoked key still works")
        self.by_id("dismiss-key-button").click()
        check(not self.by_id("new-key").is_displayed(), "the secret is still on screen")

    def test_custom_filter_renamed_then_deleted(self):
        field = self.driver.find_element(By.CSS_SELECTOR, "#custom-filter-list .rename-form input")
        field.clear()
        field.send_keys("Grey Field", Keys.ENTER)
        self.text_contains("custom-filters-status", "Renamed to “Grey Field”")
        grid_names = [card.get_attribute("textContent") for card in self.driver.find_elements(By.CSS_SELECTOR, "#filter-grid .filter-card")]
        check("Grey Field (yours)" in grid_names, f"the grid still shows the old name: {grid_names[-3:]}")
        self.screenshot("custom-filter-renamed")
        self.driver.find_element(By.CSS_SELECTOR, "#custom-filter-list button.danger").click()
        self.wait(5).until(conditions.alert_is_present()).accept()
        self.text_contains("custom-filters-status", "Deleted “Grey Field”")
        check(not self.driver.find_elements(By.CSS_SELECTOR, "#custom-filter-list .item"), "the filter is still listed")
        check(
            not self.driver.find_elements(By.XPATH, "//*[@id='filter-grid']/button[contains(., 'Grey Field')]"),
            "the deleted filter is still in the grid",
        )
        self.text_contains("usage-list", "0 of 5")

    def test_rate_limit_is_explained_with_its_wait(self):
        account = self.account_id()
        self.server.admin("limits", "set", account, "requests_per_minute", "1")
        time.sleep(1.2)
        self.expected_refusals |= {("/v1/me", 429), ("/v1/api-keys?limit=100", 429)}
        try:
            self.by_id("nav-studio").click()
            self.by_id("nav-account").click()  # two requests at once: the plan now allows one
            self.wait(15).until(
                lambda driver: any(
                    "Too many requests in a minute. Try again in" in driver.find_element(By.ID, region).text
                    for region in ("usage-error", "api-keys-error")
                )
            )
            self.screenshot("rate-limited")
        finally:
            self.server.admin("limits", "unset", account, "requests_per_minute")
            time.sleep(1.2)
        self.by_id("nav-studio").click()
        self.by_id("nav-account").click()
        self.wait(15).until(
            lambda driver: not driver.find_element(By.ID, "usage-error").is_displayed()
            and not driver.find_element(By.ID, "api-keys-error").is_displayed()
        )

    def test_video_over_the_free_plan_is_explained_before_upload(self):
        self.by_id("nav-studio").click()
        self.visible("view-studio")
        self.by_id("content-file").send_keys(str(VIDEO))
        self.visible("upload-error")
        self.text_contains("upload-error", "Free plan videos are up to 512 px on the long side")

    def test_video_shows_progress_and_plays(self):
        self.server.admin("accounts", "set-plan", self.account_id(), "premium")
        time.sleep(1.2)  # the server's limits cache lives up to a second
        self.by_id("content-file").send_keys(str(VIDEO))
        self.text_contains("upload-status", "Uploaded cutBunny.mp4: 640×360, 240 frames", timeout=60)
        self.text_contains("upload-limits", "Premium plan")
        self.driver.execute_script("document.getElementById('max-side').value = '256'")
        self.by_id("stylize-button").click()
        self.visible("stylize-progress-row", timeout=10)
        self.text_contains("stylize-frames", "of 240 frames done", timeout=30)
        self.text_contains("stylize-status", "Stylizing…")
        check(self.by_id("cancel-button").is_displayed(), "no Cancel button while a video runs")
        self.screenshot("video-progress")
        self.visible("result-section", timeout=150)
        video = self.visible("result-video")
        try:
            self.wait(30).until(lambda driver: driver.execute_script("return arguments[0].readyState >= 1 && arguments[0].duration > 0", video))
        except TimeoutException:
            error = self.driver.execute_script("return arguments[0].error && arguments[0].error.message", video)
            raise StepFailed(f"the result video does not play: {error}") from None
        check(video.get_attribute("src").startswith("blob:"), "the result video is not an object URL")
        check(self.by_id("download-link").get_attribute("download") == "cutBunny-stylized.mp4", "video download name")

    def test_video_can_be_cancelled(self):
        self.driver.execute_script("document.getElementById('max-side').value = ''")  # full size: slow enough to cancel
        self.by_id("stylize-button").click()
        self.text_contains("stylize-frames", "of 240 frames done", timeout=30)
        self.by_id("cancel-button").click()
        self.text_contains("stylize-error", "Cancelled", timeout=30)
        check(not self.by_id("cancel-button").is_displayed(), "Cancel button still shown after cancelling")
        check(self.by_id("stylize-button").is_enabled(), "cannot stylize again after cancelling")

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

    def test_small_screen_has_no_horizontal_scroll(self):
        for route, where in (("#/account", "account"), ("#/", "studio-with-video-result")):
            self.driver.execute_script("location.hash = arguments[0]", route)
            self.assert_fits_a_phone(where)

    def test_log_out(self):
        self.by_id("logout-button").click()
        self.visible("view-auth")
        self.assert_fits_a_phone("log-in")
        check(self.session_token() is None, "the session token survived log-out")
        check(not self.by_id("filter-grid").find_elements(By.TAG_NAME, "button"), "the old account's filters are still in the page")

    def test_taken_email_is_explained_then_log_in_works(self):
        self.assert_accessible("sign-up page")
        self.by_id("signup-email").send_keys(self.email)
        self.by_id("signup-password").send_keys("another password 123")
        self.expected_refusals.add(("/v1/accounts", 409))
        self.by_id("signup-submit").click()
        self.text_contains("signup-error", "already exists. Log in instead.")
        self.by_id("login-email").send_keys(self.email)
        self.by_id("login-password").send_keys("wrong password")
        self.expected_refusals.add(("/v1/sessions", 401))
        self.by_id("login-submit").click()
        self.text_contains("login-error", "do not match an account")
        self.by_id("login-password").clear()
        self.by_id("login-password").send_keys("correct horse battery staple")
        self.by_id("login-submit").click()
        self.visible("view-studio")
        self.wait(30).until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, "#filter-grid .filter-card")) >= 20)

    def test_revoked_session_sends_back_to_log_in_with_a_reason(self):
        status, _ = self.api("DELETE", "/v1/sessions/current", self.session_token())
        check(status == 204, f"revoking the session answered {status}")
        self.expected_refusals |= {("/v1/me", 401), ("/v1/api-keys?limit=100", 401)}
        self.by_id("nav-account").click()
        self.visible("view-auth")
        self.text_contains("app-message", "Your session has ended")
        check(self.session_token() is None, "the dead token is still stored")
        check(self.by_id("signup-email").get_attribute("value") == "", "the earlier sign-up attempt is still in the form")
        check(not self.by_id("signup-error").is_displayed(), "the earlier sign-up error is still shown")

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


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT.glob("*.png"):
        old.unlink()
    steps = [name for name in vars(WebAppTest) if name.startswith("test_")]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="stylify-downloads-") as downloads, ExitStack() as stack:
        try:
            server = stack.enter_context(StylifyServer(stylify_binary(), SHARED / "models"))
            driver = start_chromium(Path(downloads))
        except Exception as error:  # a missing binary, browser or driver: say which, not a traceback
            print(f"FAIL setting up: {error}", file=sys.stderr)
            return 1
        test = WebAppTest(driver, server, Path(downloads))
        try:
            for name in steps:
                step_started = time.monotonic()
                try:
                    getattr(test, name)()
                    test.check_console()
                except Exception as error:  # every failure is reported the same way, then stops the run
                    shot = test.screenshot(f"FAILED-{name.removeprefix('test_')}")
                    print(f"FAIL {name}: {error}", file=sys.stderr)
                    if not isinstance(error, StepFailed):
                        traceback.print_exc()
                    print(f"     screenshot: {shot}", file=sys.stderr)
                    print("     server log tail:\n       " + "\n       ".join(server.log_lines[-15:]), file=sys.stderr)
                    return 1
                test.screenshot(name.removeprefix("test_"))
                print(f"ok   {name} ({time.monotonic() - step_started:.1f} s)", flush=True)
        finally:
            driver.quit()
    print(f"browser test passed: {len(steps)} steps in {time.monotonic() - started:.1f} s; screenshots in {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
