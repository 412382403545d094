"""Videos: the plan check, live progress over the event stream, steady video, playback in the page, cancel."""

import time

from selenium.common.exceptions import TimeoutException

from webapp_page import SHARED, StepFailed, WebAppPage, check

VIDEO = SHARED / "video/cutBunny.mp4"  # 640x360, 240 frames: over the free plan's 512 px


class VideoSteps(WebAppPage):
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
        _, listing = self.api("GET", "/v1/stylizations?limit=1", self.session_token())
        latest = listing["data"][0]
        check(abs(latest["options"]["temporal_smoothing"] - 0.8) < 1e-6, f"steady video not sent at its 80% default: {latest['options']}")
        # Progress came pushed by the event stream, not polled.
        streams = [line for line in self.server.log_lines if f"path=/v1/stylizations/{latest['id']}/events status=200" in line]
        check(streams, "the app did not follow the stylization's event stream")
        polls = [line for line in self.server.log_lines if f"method=GET path=/v1/stylizations/{latest['id']} " in line]
        check(not polls, f"the app polled although the stream worked: {polls[:3]}")

    def test_video_can_be_cancelled(self):
        self.driver.execute_script("document.getElementById('max-side').value = ''")  # full size: slow enough to cancel
        self.by_id("stylize-button").click()
        self.text_contains("stylize-frames", "of 240 frames done", timeout=30)
        self.by_id("cancel-button").click()
        self.text_contains("stylize-error", "Cancelled", timeout=30)
        check(not self.by_id("cancel-button").is_displayed(), "Cancel button still shown after cancelling")
        check(self.by_id("stylize-button").is_enabled(), "cannot stylize again after cancelling")
