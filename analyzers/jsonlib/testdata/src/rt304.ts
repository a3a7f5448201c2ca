import fastify, { FastifyInstance, FastifyPluginAsync } from 'fastify';

const app = fastify();

app.delete('/items/:id', async () => ({ deleted: true })); // want RT304

export default async function routes(server: FastifyInstance): Promise<void> {
  server.get('/health', async () => ({ ok: true })); // want RT304
  server.get('/ready', { schema: { response: { 200: Ready } } }, async () => ({ ok: true }));
}

export const plugin: FastifyPluginAsync = async (fastify) => {
  fastify.put('/x', async () => ({})); // want RT304
};

function notFastify(router: Map<string, string>) {
  router.get('/x');
}
