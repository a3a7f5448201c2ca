import fs from 'fs';

export default function handler(req, res) {
  res.json(JSON.parse(fs.readFileSync('users.json'))); // want RT103 "API route handler\(\)"
}
