import { GatewayHttp, ProblemError, type Answer, type SendOptions } from '../http';

/**
 * A back-office user over the gateway: every call carries its token, and a token that expired during a
 * long replay (sessions last AUTH_SESSION_TTL_S) is renewed once with the credentials kept in memory.
 */
export class AdminClient {
  private token = '';
  private credentials?: { username: string; password: string };

  constructor(readonly http: GatewayHttp) {}

  async login(username: string, password: string): Promise<this> {
    const answer = await this.http.send('POST', '/auth/login', { body: { username, password } });
    this.token = (answer.json as { token: string }).token;
    this.credentials = { username, password };
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

  async send(method: string, path: string, options: SendOptions = {}): Promise<Answer> {
    try {
      return await this.http.send(method, path, { ...options, token: this.token });
    } catch (error) {
      if (!(error instanceof ProblemError && error.status === 401 && this.credentials)) throw error;
      await this.login(this.credentials.username, this.credentials.password);
      return this.http.send(method, path, { ...options, token: this.token });
    }
  }
}
