import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';

function primes(limit: number): number[] {
  const out: number[] = [];
  for (let n = 2; n < 200000; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (prime) out.push(n);
  }
  return out;
}

export async function list(request: FastifyRequest, reply: FastifyReply) {
  return primes(10); // want RT201 "primes\(\) is CPU-heavy \(it loops 199,998 times\)"
}

export function cli(): number[] {
  return primes(10);
}
