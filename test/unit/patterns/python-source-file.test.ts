// Go to PyTorch Source opens what a model's stack-trace metadata names: only a Python file and line, and its
// name is searched for in the workspace only when it holds no glob syntax.
import { describe, expect, it } from 'vitest';
import { pythonSourceFile } from '../../../src/core/patterns/scope';

describe('pythonSourceFile', () => {
  it('splits "file.py:42" into the path, a 0-based line and the name to search the workspace for', () => {
    expect(pythonSourceFile('/home/me/proj/llama.py:70')).toEqual({ path: '/home/me/proj/llama.py', line: 69, searchName: 'llama.py' });
    expect(pythonSourceFile('C:\\work\\proj\\model.PY:3')).toEqual({ path: 'C:\\work\\proj\\model.PY', line: 2, searchName: 'model.PY' });
    expect(pythonSourceFile('relative/run.pyw:1')).toEqual({ path: 'relative/run.pyw', line: 0, searchName: 'run.pyw' });
  });

  it('refuses anything but a Python file with a line: a model does not get to open a key file or a device', () => {
    expect(pythonSourceFile('/home/me/.ssh/id_rsa:1')).toBeUndefined();
    expect(pythonSourceFile('/dev/zero:1')).toBeUndefined();
    expect(pythonSourceFile('/x/model.py')).toBeUndefined();
    expect(pythonSourceFile('/x/model.py:0')).toBeUndefined();
    expect(pythonSourceFile('/x/model.py:1.5')).toBeUndefined();
    expect(pythonSourceFile('/x/model.py:-3')).toBeUndefined();
    expect(pythonSourceFile(':12')).toBeUndefined();
  });

  it('leaves out the workspace search for a name holding glob syntax, which would match other files', () => {
    for (const name of ['*.py', 'a?.py', '[ab].py', '{a,b}.py', 'x]y.py', 'x}.py']) {
      expect(pythonSourceFile(`/p/${name}:5`)).toEqual({ path: `/p/${name}`, line: 4, searchName: undefined });
    }
  });
});
