/**
 * GENERATED from the Worker's OpenAPI document by scripts/api-contract/generate.ts
 * (run by `npm run typecheck` and `npm run api:contract`). Do not edit by hand: change the
 * route in worker/src/routes/ and regenerate. The app's API client (api-client.ts) is typed
 * from these declarations, so a contract change that the app does not follow fails the typecheck.
 */

export interface ApiSchemas {
  Health: {
    status: "ok" | "degraded";
    version: string;
    time: string;
    d1: boolean;
  };
  Tokens: {
    accessToken: string;
    expiresIn: number;
    user: ApiSchemas["User"];
  };
  User: {
    id: string;
    email: string;
    displayName: string | null;
    twoFactorEnabled: boolean;
    createdAt: string;
  };
  Error: {
    error: {
      code: string;
      message: string;
      requestId?: string;
      fields?: Array<{
        path: string;
        message: string;
      }>;
    };
  };
  TwoFactorChallenge: {
    challenge: string;
    twoFactorRequired: true;
  };
  Ok: {
    ok: true;
    message: string;
  };
  Settings: {
    settings: Record<string, unknown>;
    version: number;
  };
  SettingsConflict: {
    error: {
      code: "version_conflict";
      message: string;
    };
    current: ApiSchemas["Settings"];
  };
  Session: {
    id: string;
    createdAt: string;
    lastUsedAt: string;
    userAgent: string | null;
    current: boolean;
  };
  AiChatRequest: {
    messages: Array<{
      role: "user" | "assistant";
      content: string;
    }>;
    system?: string;
    maxTokens?: number;
    context?: string;
  };
  AiStatus: {
    configured: boolean;
    provider?: "openai" | "anthropic";
    model?: string;
    maxTokens: number;
    maxRequestBytes: number;
  };
  Connector: {
    id: string;
    name: string;
    version: string | null;
    createdAt: number;
    lastUsedAt: number | null;
  };
  LiveTrading: {
    enabled: boolean;
    twoFactorRequired: boolean;
  };
  Webhook: {
    id: string;
    name: string;
    createdAt: number;
    lastUsedAt: number | null;
  };
  Order: {
    orderId: string;
    key: string;
    action: "place" | "modify" | "cancel" | "close";
    command: Record<string, unknown>;
    createdAt: number;
    result: {
      status: "pending" | "filled" | "accepted" | "modified" | "cancelled" | "closed" | "rejected";
      brokerOrderId?: string;
      fillPrice?: number;
      filledUnits?: number;
      realizedPl?: number;
      message?: string;
      time: number;
    };
  };
  ApiToken: {
    id: string;
    name: string;
    scopes: Array<"read" | "trade">;
    createdAt: number;
    lastUsedAt: number | null;
  };
  AiDigestSent: {
    sent: true;
  };
  AiDigest: {
    period: string;
    summary?: string;
    lines: string[];
  };
}

export interface ApiPaths {
  "/health": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: ApiSchemas["Health"];
        503: ApiSchemas["Health"];
      };
    };
  };
  "/auth/register": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        email: string;
        password: string;
        displayName?: string;
      };
      responses: {
        201: ApiSchemas["Tokens"];
        400: ApiSchemas["Error"];
        409: ApiSchemas["Error"];
      };
    };
  };
  "/auth/login": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        email: string;
        password: string;
      };
      responses: {
        200: ApiSchemas["Tokens"] | ApiSchemas["TwoFactorChallenge"];
        401: ApiSchemas["Error"];
      };
    };
  };
  "/auth/login-2fa": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        challenge: string;
        code: string;
      };
      responses: {
        200: ApiSchemas["Tokens"];
        401: ApiSchemas["Error"];
        429: ApiSchemas["Error"];
      };
    };
  };
  "/auth/refresh": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: ApiSchemas["Tokens"];
        401: ApiSchemas["Error"];
      };
    };
  };
  "/auth/logout": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        204: undefined;
      };
    };
  };
  "/auth/password/forgot": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        email: string;
      };
      responses: {
        202: ApiSchemas["Ok"];
      };
    };
  };
  "/auth/password/reset": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        token: string;
        password: string;
        code?: string;
      };
      responses: {
        200: ApiSchemas["Ok"];
        400: ApiSchemas["Error"];
      };
    };
  };
  "/auth/password/change": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        currentPassword: string;
        newPassword: string;
        code?: string;
      };
      responses: {
        200: ApiSchemas["Tokens"];
        400: ApiSchemas["Error"];
        403: ApiSchemas["Error"];
        429: ApiSchemas["Error"];
      };
    };
  };
  "/users/me": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: ApiSchemas["User"];
        401: ApiSchemas["Error"];
      };
    };
    put: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        displayName: string | null;
      };
      responses: {
        200: ApiSchemas["User"];
      };
    };
  };
  "/users/settings": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: ApiSchemas["Settings"];
      };
    };
    put: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: ApiSchemas["Settings"];
      responses: {
        200: ApiSchemas["Settings"];
        409: ApiSchemas["SettingsConflict"];
        413: ApiSchemas["Error"];
      };
    };
  };
  "/users/sessions": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          sessions: ApiSchemas["Session"][];
        };
      };
    };
  };
  "/users/sessions/{id}": {
    delete: {
      params: { id: string; };
      query: Record<string, never>;
      body: undefined;
      responses: {
        204: undefined;
        404: ApiSchemas["Error"];
      };
    };
  };
  "/totp/status": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          enabled: boolean;
          pendingSetup: boolean;
          recoveryCodesRemaining: number;
        };
      };
    };
  };
  "/totp/setup": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          secret: string;
          otpauthUri: string;
          qrSvg: string;
        };
        409: ApiSchemas["Error"];
      };
    };
  };
  "/totp/verify": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        code: string;
      };
      responses: {
        200: {
          enabled: true;
          recoveryCodes: string[];
        };
        400: ApiSchemas["Error"];
        403: ApiSchemas["Error"];
      };
    };
  };
  "/totp/disable": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        password: string;
        code: string;
      };
      responses: {
        200: {
          enabled: false;
        };
        403: ApiSchemas["Error"];
        429: ApiSchemas["Error"];
      };
    };
  };
  "/totp/recovery-codes": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        code: string;
      };
      responses: {
        200: {
          recoveryCodes: string[];
        };
        403: ApiSchemas["Error"];
      };
    };
  };
  "/ai/chat": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: ApiSchemas["AiChatRequest"];
      responses: {
        200: string;
        400: ApiSchemas["Error"];
        401: ApiSchemas["Error"];
        413: ApiSchemas["Error"];
        429: ApiSchemas["Error"];
        502: ApiSchemas["Error"];
        503: ApiSchemas["Error"];
      };
    };
  };
  "/ai/status": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: ApiSchemas["AiStatus"];
        401: ApiSchemas["Error"];
      };
    };
  };
  "/connector/pairings": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        201: {
          code: string;
          expiresAt: number;
        };
      };
    };
  };
  "/connector/link": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        code: string;
        name?: string;
        version?: string;
      };
      responses: {
        201: {
          connectorId: string;
          name: string;
          token: string;
        };
        400: ApiSchemas["Error"];
        429: ApiSchemas["Error"];
      };
    };
  };
  "/connector/tickets": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        201: {
          ticket: string;
          url: string;
          expiresAt: number;
        };
        401: ApiSchemas["Error"];
      };
    };
  };
  "/connector/self": {
    delete: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        204: undefined;
        401: ApiSchemas["Error"];
      };
    };
  };
  "/connector/connectors": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          connectors: ApiSchemas["Connector"][];
        };
      };
    };
  };
  "/connector/connectors/{id}": {
    patch: {
      params: { id: string; };
      query: Record<string, never>;
      body: {
        name: string;
      };
      responses: {
        204: undefined;
        404: ApiSchemas["Error"];
      };
    };
    delete: {
      params: { id: string; };
      query: Record<string, never>;
      body: undefined;
      responses: {
        204: undefined;
        404: ApiSchemas["Error"];
      };
    };
  };
  "/connector/status": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          online: boolean;
          lastSeen: number | null;
          broker: {
            kind: "paper" | "oanda" | "mt5";
            live: boolean;
            account?: string;
          } | null;
          version: string | null;
        };
      };
    };
  };
  "/connector/live-trading": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: ApiSchemas["LiveTrading"];
      };
    };
    put: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        enabled: boolean;
        code?: string;
        password?: string;
      };
      responses: {
        200: ApiSchemas["LiveTrading"];
        403: ApiSchemas["Error"];
      };
    };
  };
  "/connector/webhooks": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          webhooks: ApiSchemas["Webhook"][];
        };
      };
    };
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        name: string;
      };
      responses: {
        201: {
          url: string;
          webhook: ApiSchemas["Webhook"];
        };
      };
    };
  };
  "/connector/webhooks/{id}": {
    delete: {
      params: { id: string; };
      query: Record<string, never>;
      body: undefined;
      responses: {
        204: undefined;
        404: ApiSchemas["Error"];
      };
    };
  };
  "/relay/tickets": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        201: {
          ticket: string;
          url: string;
          expiresAt: number;
        };
        401: ApiSchemas["Error"];
      };
    };
  };
  "/trading/orders": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        symbol: string;
        side: "buy" | "sell";
        units: number;
        type: "market" | "limit" | "stop";
        price?: number;
        stopLoss?: number;
        takeProfit?: number;
      };
      responses: {
        200: ApiSchemas["Order"];
        201: ApiSchemas["Order"];
        202: ApiSchemas["Order"];
        409: ApiSchemas["Error"];
        503: ApiSchemas["Error"];
      };
    };
  };
  "/trading/orders/{id}": {
    get: {
      params: { id: string; };
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: ApiSchemas["Order"];
        404: ApiSchemas["Error"];
      };
    };
    delete: {
      params: { id: string; };
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: ApiSchemas["Order"];
        201: ApiSchemas["Order"];
        202: ApiSchemas["Order"];
        404: ApiSchemas["Error"];
        409: ApiSchemas["Error"];
        503: ApiSchemas["Error"];
      };
    };
  };
  "/trading/positions/{symbol}/close": {
    post: {
      params: { symbol: string; };
      query: Record<string, never>;
      body: {
        units?: number;
        positionId?: string;
      };
      responses: {
        200: ApiSchemas["Order"];
        201: ApiSchemas["Order"];
        202: ApiSchemas["Order"];
        409: ApiSchemas["Error"];
        503: ApiSchemas["Error"];
      };
    };
  };
  "/trading/positions": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          positions: Array<{
            id: string;
            symbol: string;
            side: "buy" | "sell";
            units: number;
            openPrice: number;
            openTime: number;
            stopLoss?: number;
            takeProfit?: number;
            unrealizedPl: number;
          }>;
          orders: Array<{
            id: string;
            key?: string;
            symbol: string;
            side: "buy" | "sell";
            units: number;
            type: "market" | "limit" | "stop";
            price?: number;
            stopLoss?: number;
            takeProfit?: number;
            time: number;
          }>;
        };
        503: ApiSchemas["Error"];
      };
    };
  };
  "/trading/account": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          broker: {
            kind: "paper" | "oanda" | "mt5";
            live: boolean;
            account?: string;
          };
          currency: string;
          balance: number;
          equity: number;
          marginUsed: number;
          unrealizedPl: number;
          time: number;
        };
        503: ApiSchemas["Error"];
      };
    };
  };
  "/trading/history": {
    get: {
      params: Record<string, never>;
      query: { limit?: number; };
      body: undefined;
      responses: {
        200: {
          fills: Array<{
            id: string;
            key?: string;
            brokerOrderId?: string;
            symbol: string;
            side: "buy" | "sell";
            units: number;
            price: number;
            reason: "order" | "stop_loss" | "take_profit" | "close" | "stop_out";
            realizedPl: number;
            time: number;
          }>;
        };
      };
    };
  };
  "/tokens": {
    get: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: undefined;
      responses: {
        200: {
          tokens: ApiSchemas["ApiToken"][];
        };
      };
    };
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: {
        name: string;
        scopes: Array<"read" | "trade">;
      };
      responses: {
        201: {
          token: string;
          info: ApiSchemas["ApiToken"];
        };
      };
    };
  };
  "/tokens/{id}": {
    delete: {
      params: { id: string; };
      query: Record<string, never>;
      body: undefined;
      responses: {
        204: undefined;
        404: ApiSchemas["Error"];
      };
    };
  };
  "/hooks/{token}": {
    post: {
      params: { token: string; };
      query: Record<string, never>;
      body: {
        id?: string;
        symbol: string;
        side: string;
        units?: number;
        riskPercent?: number;
        type?: "market" | "limit" | "stop";
        price?: number;
        stopLoss?: number;
        takeProfit?: number;
      };
      responses: {
        200: ApiSchemas["Order"];
        201: ApiSchemas["Order"];
        202: ApiSchemas["Order"];
        401: ApiSchemas["Error"];
        503: ApiSchemas["Error"];
      };
    };
  };
  "/ai/digest": {
    post: {
      params: Record<string, never>;
      query: Record<string, never>;
      body: ApiSchemas["AiDigest"];
      responses: {
        200: ApiSchemas["AiDigestSent"];
        400: ApiSchemas["Error"];
        401: ApiSchemas["Error"];
        409: ApiSchemas["Error"];
        502: ApiSchemas["Error"];
      };
    };
  };
}
