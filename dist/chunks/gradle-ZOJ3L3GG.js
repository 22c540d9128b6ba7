import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a as A,e as y}from"./chunk-XLNUHO4F.js";import{a as E,b as R}from"./chunk-MW3VSSM3.js";import"./chunk-PE7QXFV7.js";import{g as h}from"./chunk-PIMBOYPB.js";import{b as m}from"./chunk-PELLE5B6.js";import{b as c}from"./chunk-Q3VVTUYN.js";import"./chunk-LEQBMACF.js";import{a as l,e as g}from"./chunk-IDPU4ATR.js";import"./chunk-EE2RUHKE.js";import"./chunk-6G7CKFX6.js";var p="CODEARTIFACT_GRADLE_REPOSITORIES",_="registry-auth.gradle",O=`// Written by registry-auth for this job and removed by its post step. It holds no secret: the
// CodeArtifact repositories come from ${p} ("name,endpoint,TOKEN_VARIABLE,keep|replace"
// each) and their tokens from those variables.
def codeartifact = (System.getenv('${p}') ?: '').tokenize(' ').collect { entry ->
    def fields = entry.tokenize(',')
    [name: fields[0], url: fields[1], variable: fields[2], replace: fields[3] == 'replace']
}
def trimmed = { url -> url.toString().replaceAll('/+$', '') }
// A repository is CodeArtifact's when its URL is an endpoint (with or without the final slash) or lies under it.
def endpointOf = { repo ->
    repo.url == null ? null : codeartifact.find { trimmed(repo.url) == trimmed(it.url) || repo.url.toString().startsWith(it.url) }
}
def authenticate = { repositories ->
    repositories.withType(MavenArtifactRepository) { repo ->
        def found = endpointOf(repo)
        if (found == null) return
        try {
            repo.credentials {
                username = '${"aws"}'
                password = System.getenv(found.variable)
            }
        } catch (IllegalStateException ignored) {
            // The build gave this repository another kind of credentials (HTTP header, AWS): its choice.
        }
    }
}
// replace: the endpoint first, before the repositories the build declares.
def addFirst = { repositories ->
    codeartifact.findAll { it.replace }.reverse().each { wanted ->
        if (repositories.withType(MavenArtifactRepository).any { endpointOf(it) == wanted }) return
        def added = repositories.maven { name = wanted.name; url = wanted.url }
        repositories.remove(added)
        repositories.addFirst(added)
    }
}
def settingsRepositories = false
settingsEvaluated { settings ->
    authenticate(settings.pluginManagement.repositories)
    addFirst(settings.pluginManagement.repositories)
    // Gradle 6.8+: repositories declared once in settings.gradle; projects may be forbidden their own.
    if (settings.hasProperty('dependencyResolutionManagement')) {
        def shared = settings.dependencyResolutionManagement.repositories
        authenticate(shared)
        if (!shared.isEmpty()) {
            settingsRepositories = true
            addFirst(shared)
        }
    }
}
allprojects { project ->
    authenticate(project.buildscript.repositories)
    authenticate(project.repositories)
    if (!settingsRepositories) addFirst(project.repositories)
    // Gradle 4.x configures the publishing extension late: touching it earlier breaks the build.
    project.afterEvaluate {
        project.pluginManager.withPlugin('maven-publish') { authenticate(project.publishing.repositories) }
    }
}
`;function S(t,e,r=process.platform,i){let a=l(r),o=[t.JAVA_OPTS,t.GRADLE_OPTS].map(s=>E(s,"gradle.user.home")).filter(Boolean).at(-1);return o&&a.isAbsolute(o)?o:t.GRADLE_USER_HOME?g("GRADLE_USER_HOME",t.GRADLE_USER_HOME,r):a.join(R(t,["JAVA_OPTS","GRADLE_OPTS"],e,r,i),".gradle")}function w(t){let[e="",r="",i="",a="",...o]=t.split(",");if(o.length>0||!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(e)||!["keep","replace"].includes(a))return!1;let s;try{s=new URL(r)}catch{return!1}if(A(s.hostname))return["http:","https:"].includes(s.protocol);let n=y.exec(s.hostname);return s.protocol==="https:"&&n!==null&&[c(n[1]??""),c(n[1]??"",n[2])].includes(i)}function P(t,e){if(/[\s,]/.test(e.endpoint))throw new Error(`the endpoint ${JSON.stringify(e.endpoint)} has a space or comma`);return[...(t??"").split(/\s+/).filter(i=>w(i)&&i.split(",")[1]!==e.endpoint),[e.name,e.endpoint,e.tokenVariable,e.replace?"replace":"keep"].join(",")].join(" ")}var x={async configure({endpoint:t,token:e,tokenVariable:r,settings:i,workspace:a,env:o,home:s}){let n=i.registryName,b=P(o[p],{name:n,endpoint:t,tokenVariable:r,replace:i.publicRegistry==="replace"}),f=l(process.platform).join(S(o,s),"init.d",_);await m({file:f,description:`remove ${f}`,edit:()=>O},a);let d=`ORG_GRADLE_PROJECT_${n}Password`,u=o[d];return u&&u!==e&&h(`gradle: ${d} was set by an earlier step (another instance of this action?); it now holds this token: give each instance its own registry-name`),{[r]:e,[p]:b,[`ORG_GRADLE_PROJECT_${n}Username`]:"aws",[d]:e}}};export{_ as INIT_SCRIPT,O as INIT_SCRIPT_TEXT,p as REPOSITORIES_VARIABLE,x as gradle,S as gradleUserHome,P as repositoriesValue};
