"""The studio with a photo: plan check, upload (picker, drop), gallery, stylize, download, own filter, blend, preview sheet, mask."""

import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from jpeg_size import has_exif, is_jpeg, jpeg_size
from webapp_page import SHARED, WebAppPage, check

CONTENT_PHOTO = SHARED / "images/content/chicago.jpg"  # 712x474, no EXIF: stored size = shown size
TOO_LARGE_PHOTO = SHARED / "images/content/avril.jpg"  # 1680x1050 = 1.7 MP, over the free plan's 1 MP
STYLE_PAINTING = SHARED / "images/style/en_campo_gris.jpg"
MASK = SHARED / "images/mask.png"  # white foreground, black background


class StudioSteps(WebAppPage):
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
        # Keyboard only: Tab from step 1's last control (the web address's button) lands on the
        # grid (one Tab stop), an arrow moves to the next filter, Space chooses it.
        last = self.by_id("content-url-button")
        self.driver.execute_script("arguments[0].focus()", last)
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        check(self.driver.switch_to.active_element == card, "Tab from step 1 does not reach the filter grid")
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

    def test_preview_sheet_compares_filters_and_picks_one(self):
        # After the video steps: the photo again (the same bytes: no second asset is stored).
        self.by_id("nav-studio").click()
        self.visible("view-studio")
        self.by_id("content-file").send_keys(str(CONTENT_PHOTO))
        self.text_contains("upload-status", "Uploaded chicago.jpg: 712×474", timeout=60)
        self.driver.find_element(By.CSS_SELECTOR, "#preview-sheet summary").click()
        button = self.visible("preview-button")
        self.wait(10).until(lambda _: button.is_enabled())
        count = len(self.driver.find_elements(By.CSS_SELECTOR, "#filter-grid .filter-card"))
        check(button.text == f"Preview {count} filters", f"button says {button.text!r} for {count} filters")
        self.text_contains("preview-hint", f"{count} frames of this month's allowance")
        token = self.session_token()
        _, before = self.api("GET", "/v1/me", token)
        button.click()
        self.text_contains("preview-status", f"{count} of {count} previews done", timeout=180)
        tiles = self.driver.find_elements(By.CSS_SELECTOR, "#preview-grid .preview-tile")
        check(len(tiles) == count, f"{len(tiles)} tiles for {count} filters")
        for tile in tiles:
            image = tile.find_element(By.TAG_NAME, "img")
            self.wait(30).until(lambda _: self.natural_width(image) > 0)
            check(self.natural_width(image) == 256, f"a preview is {self.natural_width(image)} px wide, not 256")
            check(tile.find_elements(By.CSS_SELECTOR, ".preview-use"), "a finished preview has no button to use its filter")
        check(not self.by_id("preview-error").is_displayed(), f"error shown: {self.by_id('preview-error').text}")
        self.assert_accessible("preview sheet")
        self.driver.execute_script("document.getElementById('preview-grid').scrollIntoView()")
        self.screenshot("preview-sheet")
        _, after = self.api("GET", "/v1/me", token)
        used = after["quota"]["usage"]["frames"] - before["quota"]["usage"]["frames"]
        check(used == count, f"the sheet used {used} frames for {count} previews")
        _, listing = self.api("GET", "/v1/stylizations?limit=100", token)
        sizes = {item["result"]["width"] for item in listing["data"] if item.get("result") and item["options"].get("max_side") == 256}
        check(sizes == {256}, f"preview results are {sizes} px wide")

        third = tiles[2]
        name = third.find_element(By.CSS_SELECTOR, ".preview-name").text
        third.find_element(By.CSS_SELECTOR, ".preview-use").click()
        pressed = self.driver.find_elements(By.CSS_SELECTOR, '#filter-grid [aria-pressed="true"]')
        check(len(pressed) == 1 and name in pressed[0].text, f"choosing {name!r} in the sheet pressed {[p.text for p in pressed]}")
        self.text_contains("preview-status", f"{name} chosen")
        self.text_contains("stylize-hint", f"with {name}")

    def test_mask_puts_one_filter_on_white_and_another_on_black(self):
        self.by_id("mask-enabled").click()
        self.visible("mask-options")
        self.by_id("mask-file").send_keys(str(MASK))
        self.text_contains("mask-status", "Mask ready: ", timeout=60)
        black = Select(self.by_id("mask-black-filter"))
        black.select_by_index(4)
        black_id = black.first_selected_option.get_attribute("value")
        strength = self.by_id("mask-black-strength")
        for _ in range(6):  # 100% → 70% from the keyboard
            strength.send_keys(Keys.ARROW_LEFT)
        self.text_contains("mask-black-strength-value", "70%")
        white_id = self.driver.find_element(By.CSS_SELECTOR, '#filter-grid [aria-pressed="true"]').get_attribute("data-filter-id")
        self.by_id("stylize-button").click()
        self.text_contains("stylize-status", "Done.", timeout=120)
        result = self.by_id("result-image")
        self.wait(30).until(lambda _: self.natural_width(result) > 0)
        _, listing = self.api("GET", "/v1/stylizations?limit=1", self.session_token())
        mask = listing["data"][0]["mask"]
        check(mask is not None, f"the mask was not sent: {listing['data'][0]}")
        check(mask["white"]["filter_id"] == white_id and mask["black"]["filter_id"] == black_id, f"mask regions {mask}")
        check(abs(mask["black"]["strength"] - 0.7) < 1e-6 and abs(mask["white"]["strength"] - 1) < 1e-6, f"mask strengths {mask}")
        self.assert_accessible("studio with a mask")
        self.by_id("mask-enabled").click()  # off again for whoever comes next
        # The password steps carry on where the verification step left off: the account page.
        self.by_id("nav-account").click()
        self.visible("view-account")

    def test_small_screen_has_no_horizontal_scroll(self):
        for route, where in (("#/account", "account"), ("#/", "studio-with-video-result")):
            self.driver.execute_script("location.hash = arguments[0]", route)
            self.assert_fits_a_phone(where)
