import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-RQYZDRGT.js";import"./chunk-MYV5XU36.js";import"./chunk-GI6BQEIE.js";import"./chunk-6ZOXTWLX.js";import"./chunk-6G7CKFX6.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
