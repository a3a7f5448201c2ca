import express from 'express';

const app = express();

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

app.get('/fib', (req, res) => {
  res.send(<pre>{fib(30)}</pre>); // want RT201
});

export function View({ n }: { n: number }) {
  return <span>{fib(n)}</span>;
}
