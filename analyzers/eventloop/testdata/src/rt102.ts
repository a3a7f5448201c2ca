import request from 'sync-request';

export async function handler(url: string) {
  return request('GET', url).getBody(); // want RT102
}

export async function modern(url: string) {
  return (await fetch(url)).json();
}
