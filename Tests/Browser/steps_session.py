"""Signing up, logging out and in, a session that ends."""

from selenium.webdriver.common.by import By

from webapp_page import REPOSITORY, WebAppPage, check


class SessionSteps(WebAppPage):
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
