// The python command's name and help, apart from the command itself: the CLI lists them at start-up, and loads
// the command (tree-sitter and the Python analysis, about 40% of the CLI's code) only when it runs.
import type { CommandHelp } from './command';

export const PYTHON_HELP: CommandHelp = {
  name: 'python',
  summary: 'Find missing symbolic/setType and decomposable modules in .py files; --fix applies the quick fixes',
  usage: `Usage: onnx-coverage python <file.py|folder...> [--fix] [--format text|json] [options]

In each Python file (a folder: every .py file below it), finds torch.autograd.Functions without a symbolic (or whose symbolic is not static or never calls setType)
and nn.Modules whose forward will be exported as a decomposition (RMSNorm, LayerNorm, GELU, SiLU, hard swish,
Mish, softmax, rotary embedding, scaled dot-product attention), with quick fixes.

  --fix            apply every preferred fix in place and print what changed
  --format F       text (default) or json (one object for the whole run)
  --domain D       domain of generated custom ops (default: custom)
  --op-name N      op name of generated custom ops (default: the class name, or the rule's op)
  --target T       replacement for decomposed modules: custom (default), onnx (the ai.onnx op, when the export
                   opset has it), ort (the ONNX Runtime contrib op)
  --opset N        the opset the model is exported with (default: the file's torch.onnx.export call, else 17)

Exit 0 no error-severity diagnostic, 1 at least one, 2 unusable input.
`,
};
