import * as rls from 'readline-sync';

export const prompt = async (): Promise<string> => rls.question('name? '); // want RT107
