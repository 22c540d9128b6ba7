import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{e as t}from"./chunk-ZF3TWKU4.js";import{c as r}from"./chunk-HIXKIMB5.js";function c(o,n,s){let e=t(o,{...s,field:"authorizationToken"});return n&&(r(e.token),r(e.password,[e.username])),{username:e.username,password:e.password}}export{c as a};
