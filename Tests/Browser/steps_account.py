"""The account page and the API refusals explained there: quota, API keys, own filters, rate limit."""

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as conditions

from webapp_page import WebAppPage, check


class AccountSteps(WebAppPage):
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
