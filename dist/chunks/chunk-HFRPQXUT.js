import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{b as o}from"./chunk-PIMBOYPB.js";function a(n){let r=[];return{names:r,add(t){if(n)for(let[e,i]of Object.entries(t))o(e,i),r.includes(e)||r.push(e)}}}export{a};
