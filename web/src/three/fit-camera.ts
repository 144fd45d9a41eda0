// Places a perspective camera so a bounding sphere fills the view, looking along a given
// direction (by default from the front right and above, z up, the way a part is usually
// shown on a print bed; after the first fit, the customer's own viewing angle).
import { Vector3, type PerspectiveCamera, type Sphere } from 'three';

export const VIEW_DIRECTION = new Vector3(0.9, -1.5, 1.1).normalize();

/** Moves `camera` to look at the sphere from `direction` (towards the camera); returns the point it looks at. */
export const fitCamera = (camera: PerspectiveCamera, sphere: Sphere, margin = 1.15, direction: Vector3 = VIEW_DIRECTION): Vector3 => {
  const verticalHalf = (camera.fov * Math.PI) / 360;
  const horizontalHalf = Math.atan(Math.tan(verticalHalf) * camera.aspect);
  const radius = Math.max(sphere.radius, 1);
  const distance = (radius * margin) / Math.sin(Math.min(verticalHalf, horizontalHalf));
  const target = sphere.center.clone();
  camera.position.copy(target).addScaledVector(direction.clone().normalize(), distance);
  camera.near = Math.max(0.1, distance / 100);
  camera.far = distance * 20;
  camera.lookAt(target);
  camera.updateProjectionMatrix();
  return target;
};
