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
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') send(event.target);
  });
})();
