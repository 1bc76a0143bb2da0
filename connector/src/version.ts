/** The connector's version: the package version, shown by --version and sent in hello. */
import pkg from "../../package.json" with { type: "json" };

export const CONNECTOR_VERSION: string = pkg.version;
