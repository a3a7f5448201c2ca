import Fastify from 'fastify';

const app = Fastify();

app.get('/page', async () => ({ html: <div /> })); // want RT304
app.get('/typed', { schema: { response: { 200: Page } } }, async () => ({}));
