// Numbers as people read them: "25 MiB", "1 MP", "1,024 px".

const byteUnits = ["bytes", "KiB", "MiB", "GiB", "TiB"];

/** 26214400 → "25 MiB" (binary units, as the plans are defined). */
export function formatBytes(bytes) {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${byteUnits[unit]}`;
}

/** 1048576 pixels → "1 MP"; 1764000 → "1.8 MP" (a megapixel here is 2^20, like the plan's 1 MP). */
export function formatMegapixels(pixels) {
  const megapixels = pixels / 1_048_576;
  const rounded = megapixels >= 10 || Number.isInteger(megapixels) ? Math.round(megapixels) : Math.round(megapixels * 10) / 10;
  return `${rounded} MP`;
}

/** 1234 → "1,234". */
export function formatCount(count) {
  return Number(count).toLocaleString("en-US");
}

/** Seconds → "24 hours", "30 days". */
export function formatDuration(seconds) {
  if (seconds % 86_400 === 0 && seconds >= 172_800) return `${seconds / 86_400} days`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} hours`;
  return `${formatCount(seconds)} seconds`;
}

/** "free" → "Free". */
export function planName(plan) {
  return plan ? plan.charAt(0).toUpperCase() + plan.slice(1) : "Your";
}

/** A limit's value in words for its name, e.g. image_pixels 1048576 → "1 MP". */
export function formatLimit(name, value) {
  switch (name) {
    case "image_pixels":
      return formatMegapixels(value);
    case "image_long_side":
    case "video_long_side":
      return `${formatCount(value)} px`;
    case "upload_bytes":
    case "stored_bytes":
      return formatBytes(value);
    case "retention_seconds":
      return formatDuration(value);
    default:
      return formatCount(value);
  }
}
