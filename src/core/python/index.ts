// The public surface of the Python analysis (pure: no vscode, no Python process).
export { analyzePython } from './analyze';
export { applyEdits, OverlappingEditsError } from './apply-edits';
export { fixAllPython, type AppliedFix, type FixAllResult } from './fix-all';
export { parsePython, pythonParser, setPythonWasmDir, PythonParserUnavailableError } from './parser';
export * from './types';
