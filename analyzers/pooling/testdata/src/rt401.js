const https = require('node:https');
const axios = require('axios');

const agent = new https.Agent({ keepAlive: true });
const api = axios.create({ baseURL: 'https://api' });

app.get('/proxy', async (req, res) => {
  const perRequest = new https.Agent({ keepAlive: true }); // want RT401 "new https.Agent\(\) creates a new client and connection pool on every request"
  const client = axios.create({ httpsAgent: perRequest }); // want RT401
  res.json((await api.get('/x')).data);
});

for (const host of hosts) {
  const a = new https.Agent(); // want RT401
}
