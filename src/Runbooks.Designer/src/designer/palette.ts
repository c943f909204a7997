/** What can be dragged from the palette: an action, or a flow container. */
export type PaletteItem = { kind: "action"; action: string } | { kind: "parallel" } | { kind: "forEach" };

export const paletteMime = "application/x-runbooks-item";
