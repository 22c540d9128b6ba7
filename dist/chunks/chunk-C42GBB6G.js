import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{c as t}from"./chunk-XLNUHO4F.js";import{a as r}from"./chunk-7VEPFJVD.js";function c(o,n,s){let e=t(o,{...s,field:"authorizationToken"});return n&&(r(e.token),r(e.password,[e.username])),{username:e.username,password:e.password}}export{c as a};
