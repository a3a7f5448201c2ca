const fs = require('fs');
const express = require('express');

const app = express();

app.listen(3000, async () => {
  const banner = fs.readFileSync('banner.txt', 'utf8'); // want RT103 @startup
  console.log(banner);
});
