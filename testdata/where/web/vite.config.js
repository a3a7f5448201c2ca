import fs from 'node:fs';

export default async () => {
  const cert = fs.readFileSync('cert.pem'); // want RT103 @script
  return { server: { https: { cert } } };
};
