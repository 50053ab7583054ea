/** How the canvas fits the workflow into view: on open, with the 1 key, and through CanvasApi.fitView. */
export const FIT_VIEW = { padding: 0.3, maxZoom: 1.2 };
