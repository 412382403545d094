#!/usr/bin/env python3
"""The web app in a real browser against a real `stylify serve`: sign up, upload, pick a gallery
filter, stylize, download, add a custom filter, compare filters on a preview sheet, a mask with two filters, create and revoke an API key, verify the address and change and reset the password, a 360 px screen,
log out. One PNG screenshot per step goes to $STYLIFY_TEST_OUTPUT (default
.build/test-output/browser/). Exits non-zero with the failing step's name on any failure."""

import os
import sys
import tempfile
import time
import traceback
from contextlib import ExitStack
from pathlib import Path

from browser import start_chromium
from steps_account import AccountSteps
from steps_recovery import RecoverySteps
from steps_session import SessionSteps
from steps_studio import StudioSteps
from steps_video import VideoSteps
from stylify_server import StylifyServer
from webapp_page import OUTPUT, REPOSITORY, SHARED, StepFailed


class WebAppTest(SessionSteps, StudioSteps, AccountSteps, VideoSteps, RecoverySteps):
    """One account's journey; the steps run in this order and build on each other."""

    steps = [
        "test_sign_up",
        "test_photo_over_the_plan_is_explained_before_upload",
        "test_upload_photo",
        "test_upload_by_drag_and_drop",
        "test_pick_gallery_filter",
        "test_stylize",
        "test_download",
        "test_custom_filter",
        "test_try_another_filter_with_blend_reuses_the_upload",
        "test_monthly_quota_refusal_is_explained",
        "test_api_key_created_then_revoked",
        "test_custom_filter_renamed_then_deleted",
        "test_rate_limit_is_explained_with_its_wait",
        "test_video_over_the_free_plan_is_explained_before_upload",
        "test_video_shows_progress_and_plays",
        "test_video_can_be_cancelled",
        "test_the_mailed_link_verifies_the_address",
        "test_preview_sheet_compares_filters_and_picks_one",
        "test_mask_puts_one_filter_on_white_and_another_on_black",
        "test_password_change_on_the_account_page",
        "test_forgotten_password_is_reset_through_the_mailed_link",
        "test_small_screen_has_no_horizontal_scroll",
        "test_log_out",
        "test_taken_email_is_explained_then_log_in_works",
        "test_revoked_session_sends_back_to_log_in_with_a_reason",
    ]


def stylify_binary() -> Path:
    if os.environ.get("STYLIFY_BINARY"):
        return Path(os.environ["STYLIFY_BINARY"])
    built = [path for path in (REPOSITORY / ".build/debug/stylify", REPOSITORY / ".build/release/stylify") if path.exists()]
    if not built:
        raise SystemExit("no .build/debug/stylify or .build/release/stylify: run `swift build --product stylify` first")
    return max(built, key=lambda path: path.stat().st_mtime)  # the most recent build is the code under test


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT.glob("*.png"):
        old.unlink()
    steps = WebAppTest.steps
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
