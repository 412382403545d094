// Plan and usage: what the plan includes, what was used this month and what remains.
import { currentFilters, currentMe, subscribe } from "../../app-state.js";
import { byId, el } from "../../ui/dom.js";
import { formatBytes, formatCount, formatLimit, planName } from "../../ui/format.js";

const limitLabels = {
  image_pixels: "Photo size",
  image_long_side: "Photo long side",
  video_frames: "Frames per video",
  video_long_side: "Video long side",
  upload_bytes: "Upload size",
  monthly_frames: "Frames per month",
  custom_filters: "Custom filters",
  stored_bytes: "Storage",
  requests_per_minute: "API requests per minute",
  concurrent_jobs: "Jobs at a time",
  retention_seconds: "Results and uploads kept for",
};

function fact(term, description) {
  return [el("dt", {}, term), el("dd", {}, description)];
}

function renderUsage(me) {
  const list = byId("usage-list");
  const limitsList = byId("limits-list");
  if (!me) {
    list.replaceChildren();
    limitsList.replaceChildren();
    return;
  }
  const quota = me.quota;
  const facts = [
    ...fact("Signed in as", me.user?.email ?? me.account.name ?? me.account.id),
    ...fact("Plan", planName(quota?.plan ?? me.plan.name)),
  ];
  if (quota) {
    const { usage, remaining, limits } = quota;
    facts.push(
      ...fact(
        `Frames this month (${quota.period.id})`,
        `${formatCount(usage.frames)} of ${formatCount(limits.monthly_frames)} used, ${formatCount(remaining.frames)} left` +
          (usage.reserved_frames ? ` (${formatCount(usage.reserved_frames)} held by running jobs)` : ""),
      ),
    );
    // The server may leave the filter count out of usage; the loaded filter list knows it too.
    const customFilters = usage.custom_filters ?? currentFilters().filter((filter) => filter.kind === "custom").length;
    const filtersLeft = Math.max(0, limits.custom_filters - customFilters);
    facts.push(...fact("Custom filters", `${formatCount(customFilters)} of ${formatCount(limits.custom_filters)}, ${formatCount(filtersLeft)} left`));
    if (usage.stored_bytes !== undefined) {
      facts.push(...fact("Storage", `${formatBytes(usage.stored_bytes)} of ${formatBytes(limits.stored_bytes)} used`));
    }
    limitsList.replaceChildren(
      ...Object.entries(limits).flatMap(([name, value]) => fact(limitLabels[name] ?? name, formatLimit(name, value))),
    );
  }
  list.replaceChildren(...facts);
}

export function setUpUsagePanel() {
  subscribe("me", renderUsage);
  subscribe("filters", () => renderUsage(currentMe()));
}
