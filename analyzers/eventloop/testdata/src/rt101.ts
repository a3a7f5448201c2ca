import express, { Request, Response } from 'express';

const router = express.Router();

export function wait(req: Request, res: Response): void {
  const sab = new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sab, 0, 0, 10); // want RT101 "in handler wait\(\)"
  res.end();
}

router.post('/later', async (req: Request, res: Response) => {
  do {} while (Date.now() < deadline); // want RT101
});

export async function fine(): Promise<void> {
  await new Promise((r) => setTimeout(r, 10));
}
