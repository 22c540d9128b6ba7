import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
var r="CODEARTIFACT_AUTH_TOKEN";function o(e,t){return[r,e,t].filter(Boolean).join("_").toUpperCase().replace(/[^A-Z0-9_]/g,"_")}var s=e=>e.toUpperCase().replace(/[^A-Z0-9]/g,"_");export{r as a,o as b,s as c};
