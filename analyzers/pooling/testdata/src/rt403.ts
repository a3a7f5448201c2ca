import { Pool } from 'pg';

export const pool = new Pool();

export class Repo {
  async all(req: Request, res: Response) {
    const p = new Pool(); // want RT403
    return p.query('SELECT 1');
  }
}
