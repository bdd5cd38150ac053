// One person's session with the installed .vsix: open a model, check it from the palette, read the Problems panel,
// hover a node in the tree, apply a Python quick fix, hover an op in a model written as text (.onnxtxt), read what the
// decompositions cost a quantized deployment (issue 9) in the inspector and the status bar, for the float model and
// its QDQ twin, and hover names that are Markdown and HTML traps. Screenshots of each step go to the run's folder (docs/ with UPDATE_SCREENSHOTS=1).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { closeAllEditors, editorText, expect, hoverOver, openFile, openModel, runCommand, runCommandAndPick, screenshot, setSectionExpanded, webview, webviewShowing, widenSideBar, workbenchReady, type UiContext, type UiTest } from './workbench';

const MODEL = 'llama_decoder_layer_opset17.onnx';
const QDQ_MODEL = 'qdq_llama_decoder_layer_opset17.onnx';
// scripts/fixtures/make_hostile_names.py: one supported Relu whose name and input name are Markdown and HTML traps.
const HOSTILE_MODEL = 'hostile_names.onnx';
const HOSTILE_NODE = '$(error) **bold** <img src=x onerror=alert(1)>';
// Counted by hand on the float export (see test/e2e/host/quantization.test.ts): 6 decomposed constructs, 32 extra
// activation quantizers, 59 activation tensors; input_layernorm's RMSNorm is 8 ops with 7 intermediates.
const TOTALS = "Quantized: 6 decomposed constructs: 32 extra activation quantizers, 54.2 % of the model's 59 activation tensors.";
const RMSNORM_SENTENCE = 'Quantized: RMSNorm at layers.0.input_layernorm: 8 ops, 7 extra activation quantizers compared to one SimplifiedLayerNormalization node.';
const CARD_SENTENCE = /^Quantized: .+ at \S+: \d+ ops, (\d+) extra activation quantizers? compared to one \S+ node\.$/;
const RMSNORM_INTERMEDIATES = ['Pow', 'ReduceMean', 'Add', 'Sqrt', 'Div', 'Mul', 'Cast_1'].map((op) => `/layers.0/input_layernorm/${op}_output_0`);

/** The model alone in the editor area, opened as a person does, and its inspector once it shows the model. */
async function inspectorAlone(page: Page, model: string): Promise<FrameLocator> {
  await workbenchReady(page);
  await closeAllEditors(page);
  await openModel(page, model);
  return webviewShowing(page, '.inspector h1', model);
}

/** The text of the ONNX status-bar item's tooltip, once it shows the quantization sentence. */
async function quantizationTooltip(page: Page): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: 'ONNX:' }).first();
  await item.waitFor({ timeout: 60_000 });
  return (await hoverOver(page, item, 'Quantized:')).text;
}

export const tests: UiTest[] = [
  {
    name: 'the extension runs from the installed .vsix',
    async run({ page, extensionsDir }: UiContext) {
      const installed = readdirSync(extensionsDir).filter((d) => d.startsWith('onnx-op-coverage.onnx-op-coverage-'));
      expect(installed.length === 1, `one installed copy expected in ${extensionsDir}, found: ${installed.join(', ') || 'none'}`);
      expect(existsSync(join(extensionsDir, installed[0]!, 'dist', 'extension.js')), 'the installed copy has dist/extension.js');
      await workbenchReady(page);
    },
  },
  {
    name: 'opening a model shows the inspector with its decomposed ops drawn',
    async run({ page, screenshotsDir }: UiContext) {
      await openModel(page, MODEL);
      const view = webview(page);
      await view.locator('.inspector h1', { hasText: MODEL }).waitFor({ timeout: 60_000 });
      await view.locator('.decomposition svg.graph').first().waitFor({ timeout: 60_000 });
      const headline = await view.locator('.coverage h2').innerText();
      expect(/Runs on ONNX Runtime .* with 6 warnings/.test(headline), `coverage headline: ${headline}`);
      const titles = await view.locator('.decomposition h3').allInnerTexts();
      expect(titles.some((t) => t.startsWith('RMSNorm')) && titles.some((t) => t.startsWith('Rotary')), `decomposition cards: ${titles.join(' | ')}`);
      await screenshot(page, join(screenshotsDir, 'inspector.png'));
    },
  },
  {
    name: 'F1 → "ONNX: Check Op Coverage" → the Problems panel lists the findings',
    async run({ page, screenshotsDir }: UiContext) {
      // The command's own quick pick (not the palette row that is closing): keep the target from the settings.
      await runCommandAndPick(page, 'ONNX: Check Op Coverage', 'Use the target from the settings');
      const markers = page.locator('.markers-panel .monaco-list-row');
      await markers.first().waitFor({ timeout: 60_000 });
      const panelText = await page.locator('.markers-panel').innerText();
      expect(panelText.includes('decomposed-op'), `the Problems panel shows decomposed-op findings:\n${panelText.slice(0, 500)}`);
      expect(/RMSNorm at layers\.0\.input_layernorm/.test(panelText), 'the RMSNorm finding is listed');
      const status = await page.locator('.statusbar-item', { hasText: 'ONNX:' }).first().innerText();
      expect(/6 warnings/.test(status), `status bar: ${status}`);
      await screenshot(page, join(screenshotsDir, 'problems.png'));
    },
  },
  {
    name: 'the ONNX Model tree flags decomposed nodes and hovers show the schema',
    async run({ page, screenshotsDir }: UiContext) {
      await runCommand(page, 'View: Toggle Panel Visibility');
      // Make room as a person would: fold the file list, unfold the ONNX Model view, widen the side bar.
      await setSectionExpanded(page, 'workspace', false);
      await setSectionExpanded(page, 'ONNX Model', true);
      await widenSideBar(page, 560);
      // A row shows the node name's last part, its module path in the description.
      const row = page.locator('.monaco-list-row', { hasText: 'layers.0.input_layernorm' }).filter({ hasText: 'ReduceMean' }).first();
      await row.waitFor({ timeout: 60_000 });
      const description = await row.locator('.label-description').innerText();
      expect(description.includes('part of decomposed RMSNorm'), `row description: ${description}`);
      const { text } = await hoverOver(page, row, 'ReduceMean');
      expect(/ReduceMean-13/.test(text) && /Attributes/.test(text), `hover text: ${text.slice(0, 300)}`);
      await screenshot(page, join(screenshotsDir, 'tree-hover.png'));
      await page.mouse.move(700, 10);
    },
  },
  {
    name: 'a Python quick fix adds symbolic with setType',
    async run({ page, screenshotsDir }: UiContext) {
      await closeAllEditors(page);
      await openFile(page, 'custom_relu.py');
      const editor = page.locator('.editor-instance .monaco-editor').first();
      await editor.locator('.view-line', { hasText: 'class MyReLU' }).waitFor({ timeout: 60_000 });
      // Wait for the squiggle, then put the cursor on the class name and ask for quick fixes.
      await editor.locator('.squiggly-warning, .squiggly-error, .squiggly-info').first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill(':5:8');
      await page.keyboard.press('Enter');
      // The light bulb appears on the line; Ctrl+. opens its menu (clicking the bulb if the key went elsewhere).
      await editor.locator('.lightBulbWidget').waitFor({ timeout: 30_000 });
      await page.keyboard.press('Control+.');
      const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Add symbolic emitting custom::MyReLU' }).first();
      if (!(await action.waitFor({ timeout: 5_000 }).then(() => true, () => false))) await editor.locator('.lightBulbWidget').click();
      await action.waitFor({ timeout: 30_000 });
      await screenshot(page, join(screenshotsDir, 'quick-fix.png'));
      await page.keyboard.press('Enter');
      await editor.locator('.view-line', { hasText: 'def symbolic(g, input):' }).waitFor({ timeout: 30_000 });
      const text = await editorText(editor);
      expect(text.includes('return g.op("custom::MyReLU", input).setType(input.type())'), `editor text after the fix:\n${text}`);
    },
  },
  {
    name: 'hovering an op in an .onnxtxt file shows the schema at the file\'s opset',
    async run({ page, screenshotsDir }: UiContext) {
      await workbenchReady(page);
      await closeAllEditors(page);
      await openFile(page, 'rmsnorm.onnxtxt');
      const editor = page.locator('.editor-instance .monaco-editor').first();
      const line = editor.locator('.view-line', { hasText: '= ReduceMean <axes' }).first();
      await line.waitFor({ timeout: 60_000 });
      // The op token as the grammar colours it: a span of its own on that line.
      const token = line.locator('span > span', { hasText: /^ReduceMean$/ }).first();
      await token.hover();
      const hover = page.locator('.monaco-hover').filter({ hasText: 'ReduceMean' }).first();
      await hover.waitFor({ timeout: 30_000 });
      const text = await hover.innerText();
      expect(/ReduceMean-13/.test(text) && /opset 17/.test(text), `hover text: ${text.slice(0, 300)}`);
      await screenshot(page, join(screenshotsDir, 'onnxtxt-hover.png'));
      await page.mouse.move(700, 10);
    },
  },
  {
    name: 'the inspector and the status-bar tooltip say what the decompositions cost a quantized deployment',
    async run({ page, screenshotsDir }: UiContext) {
      const view = await inspectorAlone(page, MODEL);
      const totals = view.locator('.quantization-totals');
      await totals.waitFor({ timeout: 60_000 });
      await totals.scrollIntoViewIfNeeded();
      expect(await totals.isVisible(), 'the totals line is visible');
      const totalsText = (await totals.innerText()).trim();
      expect(totalsText.includes(TOTALS), `totals line: ${totalsText}`);

      // One sentence per decomposition card; their extra quantizers add up to the model's total.
      const cards = view.locator('article.decomposition');
      const sentences = (await view.locator('article.decomposition .q-message').allInnerTexts()).map((t) => t.trim());
      expect(sentences.length === 6 && (await cards.count()) === 6, `six cards, one sentence each: ${sentences.join(' | ')}`);
      const extra = sentences.map((t) => CARD_SENTENCE.exec(t)).map((m) => (m ? Number(m[1]) : NaN));
      expect(extra.every((n) => Number.isInteger(n)), `every card sentence reads as the cost of one construct: ${sentences.join(' | ')}`);
      expect(extra.reduce((a, b) => a + b, 0) === 32, `the cards' extra quantizers add up to 32: ${extra.join(' + ')}`);
      const rmsCard = cards.filter({ has: view.locator('h3', { hasText: 'layers.0.input_layernorm' }) }).first();
      await rmsCard.locator('.q-message').scrollIntoViewIfNeeded();
      const rmsSentence = (await rmsCard.locator('.q-message').innerText()).trim();
      expect(rmsSentence === RMSNORM_SENTENCE, `input_layernorm card: ${rmsSentence}`);
      expect((await view.locator('table.qdq-scales').count()) === 0, 'a float model has no Q/DQ table');

      await totals.scrollIntoViewIfNeeded();
      const text = await quantizationTooltip(page);
      expect(text.includes(TOTALS), `status-bar tooltip: ${text}`);
      expect(!/Q\/DQ pairs/.test(text), `a float model's tooltip counts no Q/DQ pairs: ${text}`);
      await screenshot(page, join(screenshotsDir, 'quantization.png'));
      await page.mouse.move(700, 10);
    },
  },
  {
    name: 'the QDQ twin: the Q/DQ pairs inside each chain with their scales, in the inspector and the status-bar tooltip',
    async run({ page, screenshotsDir }: UiContext) {
      const view = await inspectorAlone(page, QDQ_MODEL);
      const totals = view.locator('.quantization-totals');
      await totals.waitFor({ timeout: 60_000 });
      const totalsText = (await totals.innerText()).trim();
      expect(/Quantized: 6 decomposed constructs: /.test(totalsText) && totalsText.includes('The model is already quantized: 32 Q/DQ pairs sit inside these chains.'), `totals line: ${totalsText}`);

      expect((await view.locator('table.qdq-scales').count()) === 6, 'one Q/DQ table per decomposition card');
      const rmsCard = view.locator('article.decomposition').filter({ has: view.locator('h3', { hasText: 'layers.0.input_layernorm' }) }).first();
      const table = rmsCard.locator('table.qdq-scales');
      await table.scrollIntoViewIfNeeded();
      expect(await table.isVisible(), 'the input_layernorm card shows its Q/DQ table');
      expect((await table.locator('caption .count').innerText()).trim() === '7', 'the caption counts 7 pairs');
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
      expect(JSON.stringify(rows.map((r) => r[0])) === JSON.stringify(RMSNORM_INTERMEDIATES), `tensors in the table: ${rows.map((r) => r[0]).join(', ')}`);
      for (const [tensor, scale, zeroPoint] of rows) {
        expect(Number(scale) > 0, `${tensor}: scale ${scale}`);
        expect(Number.isInteger(Number(zeroPoint)) && Number(zeroPoint) >= -128 && Number(zeroPoint) <= 127, `${tensor}: zero point ${zeroPoint}`);
      }

      const text = await quantizationTooltip(page);
      expect(text.includes(QDQ_MODEL) && text.includes('32 Q/DQ pairs already sit inside the chains.'), `status-bar tooltip: ${text}`);
      await screenshot(page, join(screenshotsDir, 'quantization-qdq.png'));
      await page.mouse.move(700, 10);
    },
  },
  {
    name: 'names from a model hover as text: a node named "$(error) **bold** <img …>" draws no icon, emphasis or image',
    async run({ page, screenshotsDir }: UiContext) {
      const view = await inspectorAlone(page, HOSTILE_MODEL);
      await view.locator('table.values td.name', { hasText: '$(zap)' }).first().waitFor({ timeout: 60_000 });
      expect((await view.locator('img').count()) === 0, 'the inspector draws no image from a model string');
      await setSectionExpanded(page, 'ONNX Model', true);
      const row = page.locator('.monaco-list-row', { hasText: 'onerror=alert(1)' }).first();
      await row.waitFor({ timeout: 60_000 });
      const { hover, text } = await hoverOver(page, row, 'Relu');
      expect(text.includes(HOSTILE_NODE) && text.includes('$(zap)'), `the names read as written: ${text.slice(0, 400)}`);
      // Our own icons render as codicon elements here, so their absence below is a real finding, not a blind test.
      expect((await hover.locator('.codicon-symbol-event').count()) === 1, 'the hover draws its own node icon');
      expect((await hover.locator('.codicon-error, .codicon-zap').count()) === 0, 'no icon drawn from a model string');
      expect((await hover.locator('img').count()) === 0, 'no image drawn from a model string');
      const strong = await hover.locator('strong, b').allInnerTexts();
      expect(!strong.some((t) => t.trim() === 'bold'), `no emphasis drawn from a model string: ${strong.join(' | ')}`);
      await screenshot(page, join(screenshotsDir, 'hostile-names-hover.png'));
      await page.mouse.move(700, 10);

      // The input's own tooltip, in the Inputs section.
      await page.locator('.monaco-list-row', { hasText: /^Inputs/ }).first().click();
      const input = page.locator('.monaco-list-row', { hasText: '$(zap)' }).first();
      await input.waitFor({ timeout: 30_000 });
      const { hover: tooltip, text: tooltipText } = await hoverOver(page, input, 'tensor(float)');
      expect(tooltipText.includes('$(zap)'), `the input's tooltip reads its name as written: ${tooltipText}`);
      expect((await tooltip.locator('.codicon-zap').count()) === 0, 'no icon drawn from the input name');
      await page.mouse.move(700, 10);
    },
  },
];
