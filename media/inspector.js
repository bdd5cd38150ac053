// The inspector webview's only script (loaded with the CSP nonce): clicks and Enter on elements carrying
// data-command become messages to the extension. No model data is interpreted here.
(function () {
  const vscode = acquireVsCodeApi();
  function send(target) {
    const element = target.closest('[data-command]');
    if (!element) return;
    const message = { type: 'command', command: element.getAttribute('data-command') };
    const node = element.getAttribute('data-node');
    if (node !== null) message.node = node;
    vscode.postMessage(message);
  }
  document.addEventListener('click', (event) => send(event.target));
  // Buttons turn Enter and Space into a click of their own (handled above); sending here too ran the command twice.
  // Other focusable elements (finding rows, graph boxes) need the key; Space must not also scroll the page.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    if (event.target.closest('button')) return;
    if (event.key === ' ' && event.target.closest('[data-command]')) event.preventDefault();
    send(event.target);
  });
})();
