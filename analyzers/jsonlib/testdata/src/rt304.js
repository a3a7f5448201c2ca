const Fastify = require('fastify');

const fastify = Fastify({ logger: true });

fastify.get('/users/:id', async (request, reply) => { // want RT304 "Fastify route GET /users/:id has no response schema"
  return { id: request.params.id };
});

fastify.post('/users', { preHandler: auth }, async (request) => request.body); // want RT304

fastify.get('/typed', {
  schema: { response: { 200: { type: 'object', properties: { id: { type: 'string' } } } } },
}, async () => ({ id: '1' }));

fastify.route({ // want RT304 "route\(\)"
  method: 'GET',
  url: '/route',
  handler: async () => ({ ok: true }),
});

fastify.route({
  method: 'GET',
  url: '/route-typed',
  schema: { response: { 200: Reply } },
  handler: async () => ({ ok: true }),
});

fastify.get('/shared', sharedOptions, async () => ({}));

const cache = new Map();
cache.get('/users/:id', () => {});
