import Database from 'better-sqlite3';

const db = new Database(':memory:');

export async function count(): Promise<number> {
  return db.prepare('SELECT count(*) FROM t').pluck().get() as number; // want RT106
}
