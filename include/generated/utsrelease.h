/* ksim: the release string of the simulated kernel (uname -r). */
#define UTS_RELEASE "6.1.0-ksim"
