import type { Request, Response } from 'express';

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export function handler(req: Request, res: Response): void {
  res.json({ value: fib(Number(req.query.n)) }); // want RT201
}
