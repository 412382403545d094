// Step 3's model choice: the networks this server has loaded (GET /v1/models), the default first.
// A model the plan does not include is listed but disabled, so the user sees what an upgrade
// would give instead of meeting a refusal after clicking Stylize.
import { api } from "../../api/client.js";
import { byId, el, setVisible } from "../../ui/dom.js";

let defaultModel = "microast";

function option(model) {
  const label = model.included_in_plan ? model.description : `${model.description} (not in your plan)`;
  return el("option", { value: model.id, disabled: !model.included_in_plan, title: model.description }, `${model.id}: ${label}`);
}

/** Loads the model list; with only one model loaded the choice is hidden (there is none). */
export async function loadModels() {
  const select = byId("model");
  try {
    const page = await api.get("/v1/models");
    const models = page?.data ?? [];
    defaultModel = models.find((model) => model.default)?.id ?? defaultModel;
    const chosen = select.value;
    select.replaceChildren(...models.map(option));
    const keep = models.find((model) => model.id === chosen && model.included_in_plan);
    select.value = keep ? chosen : defaultModel;
    setVisible(byId("model-option"), models.length > 1);
  } catch {
    // Without the list the server's default applies; the rest of the studio works as before.
    setVisible(byId("model-option"), false);
  }
}

/** The model to send, or undefined for the server's default (older servers know no `model`). */
export function chosenModel() {
  const value = byId("model").value;
  return value && value !== defaultModel ? value : undefined;
}
