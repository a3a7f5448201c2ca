const readlineSync = require('readline-sync');

async function ask() {
  return readlineSync.question('name? '); // want RT107
}

const answer = readlineSync.question('at startup is fine? ');
