/**
 * Which Cytoscape renderer to use: the WebGL one where the browser offers WebGL 2 on a GPU,
 * the canvas one otherwise (WebGL drawn in software, as on a machine without a GPU, is slower
 * than canvas). `?renderer=canvas|webgl` in the page's URL (lib/graph/view-state's knobs) overrides the choice
 * (for comparing them, and as a way out should a driver draw WebGL badly).
 */
export type RendererName = 'webgl' | 'canvas';

/** WebGL 2 as the browser offers it: not at all, in software (no GPU), or on a GPU. */
export function webglSupport(): 'none' | 'software' | 'hardware' {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return 'none';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software/i.test(name) ? 'software' : 'hardware';
  } catch {
    return 'none';
  }
}

export function chooseRenderer(asked: RendererName | null): { name: RendererName; why: string } {
  if (asked === 'canvas') return { name: 'canvas', why: 'asked for in the URL' };
  const gl = webglSupport();
  if (asked === 'webgl') return gl === 'none' ? { name: 'canvas', why: 'WebGL 2 asked for but not offered by this browser' } : { name: 'webgl', why: `asked for in the URL${gl === 'software' ? '; WebGL here is software' : ''}` };
  if (gl === 'hardware') return { name: 'webgl', why: 'WebGL 2 on this GPU' };
  return { name: 'canvas', why: gl === 'software' ? 'WebGL here is software only (no GPU), slower than canvas' : 'this browser offers no WebGL 2' };
}

/** Cytoscape's renderer options for a choice (the WebGL renderer with its own defaults). */
export function rendererOptions(name: RendererName) {
  return name === 'webgl'
    ? { name: 'canvas', webgl: true }
    : { name: 'canvas' };
}
