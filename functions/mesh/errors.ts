// Errors raised by the geometry kernel: a mesh that breaks the contract is an error, never a job.

/** Base class: the kernel could not produce a mesh that keeps the mesh contract. */
export class KernelError extends Error {
  override name = 'KernelError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The verifier found a defect in a mesh; `defects` lists what it saw. */
export class MeshDefectError extends KernelError {
  override name = 'MeshDefectError';
  constructor(readonly defects: string[]) {
    super(`mesh fails the contract: ${defects.slice(0, 5).join('; ')}`);
  }
}

/** A file (STL or 3MF) could not be read back. */
export class MeshFormatError extends KernelError {
  override name = 'MeshFormatError';
}
