import { scryptSync, randomBytes } from 'node:crypto';
import type { FastifyRequest, FastifyReply } from 'fastify';

export async function hash(request: FastifyRequest, reply: FastifyReply) {
  const salt = randomBytes(16);
  return scryptSync('pw', salt, 64); // want RT105
}
