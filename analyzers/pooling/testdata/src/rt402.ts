import mongoose from 'mongoose';
import { createClient } from 'redis';

export async function handle(req: Request, res: Response) {
  await mongoose.connect('mongodb://'); // want RT402
  const c = createClient(); // want RT402
}

await mongoose.connect('mongodb://');
export const cache = createClient();
