// The deployed functions, one line each. Only what works is exported.
import "./config";
