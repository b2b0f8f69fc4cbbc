/**
 * The panel's style, adopted by its shadow root only: nothing here reaches the page. Fonts and
 * colours are set on the panel itself, not inherited from the page.
 */
export const PANEL_CSS = `
:host { all: initial; }
.panel { width: min(30rem, calc(100vw - 16px)); max-height: min(70vh, 40rem); display: flex; flex-direction: column;
  font: 12px/1.35 system-ui, sans-serif; color: #1d2430; background: #fff; border: 1px solid #c5ccd6; border-radius: 6px;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.18); text-align: left; }
header { display: flex; gap: 6px; align-items: center; padding: 4px 6px; background: #1d2430; color: #fff; border-radius: 5px 5px 0 0; }
header strong { margin-right: auto; font-size: 13px; }
.body { overflow: auto; padding: 6px 8px; }
.body[hidden] { display: none; }
button, select, input { font: inherit; color: #1d2430; background: #f4f6f9; border: 1px solid #c5ccd6; border-radius: 4px; padding: 1px 6px; margin: 0; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid #2f6fde; outline-offset: 1px; }
.presets { display: flex; gap: 6px; }
.presets select { flex: 1; min-width: 0; }
.hint, .status { margin: 4px 0; color: #5b6575; }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
ol, ul { margin: 4px 0; padding-left: 18px; }
li { margin: 2px 0; overflow-wrap: anywhere; }
code { font: 11px ui-monospace, monospace; }
.why { color: #5b6575; }
h4 { margin: 6px 0 2px; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 11px; }
th, td { text-align: left; padding: 1px 4px; border-bottom: 1px solid #eceff3; vertical-align: top; overflow-wrap: anywhere; }
.s2 { color: #17803d; } .s4 { color: #b54708; } .s5 { color: #b42318; }
`;
