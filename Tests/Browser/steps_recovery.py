"""Account recovery in the page: the verification link from the mail, a password change on the
account page, and a forgotten password reset through the mailed link."""

import re
import time
from pathlib import Path

from webapp_page import WebAppPage, check

PASSWORD = "correct horse battery staple"


class RecoverySteps(WebAppPage):
    def mailed_token(self, prefix, timeout=20):
        """The newest token with `prefix` in the server's mail log (the default log sender)."""
        log = Path(self.server.data_directory) / "mail.log"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            tokens = re.findall(prefix + r"[0-9A-Za-z]{43}", log.read_text() if log.exists() else "")
            if tokens:
                return tokens[-1]
            time.sleep(0.2)
        raise AssertionError(f"no {prefix} token in {log}")

    def test_the_mailed_link_verifies_the_address(self):
        self.by_id("nav-account").click()
        self.visible("view-account")
        self.text_contains("email-status", "not verified yet")
        check(self.by_id("resend-verification-button").is_displayed(), "no way to ask for the link again")
        token = self.mailed_token("evt_")
        self.driver.get(f"{self.base_url}/#/verify-email?token={token}")
        self.visible("view-recovery")
        self.text_contains("verify-status", "is verified")
        self.assert_accessible("verification page")
        self.screenshot("email-verified")
        self.driver.get(f"{self.base_url}/#/account")
        self.visible("view-account")
        self.text_contains("email-status", "is verified")
        check(not self.by_id("resend-verification-button").is_displayed(), "the resend button is still offered")

    def test_password_change_on_the_account_page(self):
        self.by_id("current-password").send_keys("not my password")
        self.by_id("new-password").send_keys("a brand new password 1")
        self.expected_refusals.add(("/v1/me/password", 403))
        self.by_id("password-submit").click()
        self.text_contains("password-error", "current password is not right")
        self.by_id("current-password").clear()
        self.by_id("current-password").send_keys(PASSWORD)
        self.by_id("password-submit").click()
        self.text_contains("password-status", "Your password is changed")
        self.screenshot("password-changed")

    def test_forgotten_password_is_reset_through_the_mailed_link(self):
        self.by_id("logout-button").click()
        self.visible("view-auth")
        self.by_id("forgot-password-link").click()
        self.visible("forgot-form")
        self.by_id("forgot-email").send_keys(self.email)
        self.by_id("forgot-submit").click()
        self.text_contains("forgot-status", "a reset link is on its way")
        token = self.mailed_token("rst_")
        self.driver.get(f"{self.base_url}/#/reset-password?token={token}")
        self.visible("reset-form")
        self.by_id("reset-password").send_keys(PASSWORD)
        self.by_id("reset-submit").click()
        self.text_contains("reset-status", "Your password is set")
        self.assert_accessible("reset page")
        self.screenshot("password-reset")
        self.expected_refusals.add(("/v1/password-resets/complete", 409))
        self.by_id("reset-password").send_keys(PASSWORD)
        self.by_id("reset-submit").click()
        self.text_contains("reset-error", "already used")
        self.driver.get(f"{self.base_url}/#/login")
        self.visible("view-auth")
        self.by_id("login-email").send_keys(self.email)
        self.by_id("login-password").send_keys(PASSWORD)
        self.by_id("login-submit").click()
        self.visible("view-studio")
