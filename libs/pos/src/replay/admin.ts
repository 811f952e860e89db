import { GatewayHttp, type Answer, type SendOptions } from '../http';

/** A back-office user over the gateway: logs in once, then every call carries its token. */
export class AdminClient {
  private token = '';

  constructor(readonly http: GatewayHttp) {}

  async login(username: string, password: string): Promise<this> {
    const answer = await this.http.send('POST', '/auth/login', { body: { username, password } });
    this.token = (answer.json as { token: string }).token;
    return this;
  }

  async get<T>(path: string): Promise<T> {
    return (await this.send('GET', path)).json as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.send('POST', path, { body })).json as T;
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return (await this.send('PUT', path, { body })).json as T;
  }

  send(method: string, path: string, options: SendOptions = {}): Promise<Answer> {
    return this.http.send(method, path, { ...options, token: this.token });
  }
}
